"""Outside check: ibind's REST client (PyPI `ibind`, pinned) drives the real `valet twin serve` binary.

Run: python twin_ibind.py /path/to/valet
Starts `valet twin serve` on a free port, then calls through ibind every REST call cpapi.md lists that the twin
serves (session, accounts, portfolio, contracts, market data, orders with ibind's own question answering,
suppression, logout), reads the twin's ground truth from its admin API, and checks the twin's question texts
against ibind's id -> text table, then runs ibind's WebSocket client against `/v1/api/ws` (twin_ibind_ws.py).
Prints 'N passed, N failed' and exits non-zero on any failure.
"""

import json
import socket
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request

from ibind import IbkrClient, OrderRequest, QuestionType
from ibind.client import ibkr_utils

from twin_ibind_ws import websocket_checks

VALET = sys.argv[1]
ACCOUNT = "DU1234567"
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition)))
    print(("PASS " if condition else "FAIL ") + name + ("" if condition else f" -- {detail}"), flush=True)


def attempt(name, call, predicate=lambda data: data is not None):
    try:
        result = call()
        data = result.data if hasattr(result, "data") else result
        check(name, predicate(data), f"got {str(data)[:300]}")
        return data
    except Exception as error:  # noqa: BLE001 - every failure is reported, then the run goes on
        check(name, False, f"{type(error).__name__}: {str(error)[:300]}")
        return None


def acknowledged(data):
    """A placement or modify answer: IBKR's list of order objects (ibind may pass it on as a dict)."""
    rows = data if isinstance(data, list) else [data]
    return bool(rows) and all(isinstance(row, dict) and row.get("order_id") is not None for row in rows)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def admin(port, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def serve(*flags):
    """`valet twin serve` on a free port with `flags`, once its admin API answers."""
    port = free_port()
    server = subprocess.Popen([VALET, "twin", "serve", "--port", str(port), "--seed", "3", *flags],
                              stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        try:
            admin(port, "GET", "/twin/state")
            break
        except OSError:
            time.sleep(0.1)
    return port, server


def pacing():
    """IBKR's limits (cpapi.md §8.1), on by default: a burst beyond 10 requests a second gets 429, and then the
    penalty box refuses every endpoint."""
    port, server = serve()
    try:
        statuses = []
        for _ in range(15):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/api/iserver/accounts")
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
        check("pacing on: a burst of 15 requests in well under a second meets 429", 429 in statuses, statuses)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/api/tickle", data=b"{}", timeout=10)
            boxed = None
        except urllib.error.HTTPError as error:
            boxed = error.code
        check("pacing on: the penalty box then refuses another endpoint", boxed == 429, boxed)
    finally:
        server.terminate()
        server.wait(timeout=10)


def websockets():
    """ibind's IbkrWsClient on its own twin with frozen prices (the walk off), so pushed prices are known."""
    port, server = serve("--pacing", "off", "--walk", "0")
    try:
        websocket_checks(port, ACCOUNT, admin, check, ALL_YES)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    # The endpoint walk sends many requests at once, as a test does; IBKR's pacing is checked on its own below.
    port, server = serve("--pacing", "off")
    try:
        run(port)
        pacing()
        websockets()
    except Exception:  # noqa: BLE001
        check("the run completes", False, traceback.format_exc())
    finally:
        server.terminate()
        server.wait(timeout=10)
    passed = sum(1 for _, ok in results if ok)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


ALL_YES = {question_type: True for question_type in QuestionType}


def run(port):
    client = IbkrClient(url=f"http://127.0.0.1:{port}/v1/api/", account_id=ACCOUNT, cacert=False,
                        use_session=False, auto_register_shutdown=False, max_retries=1)
    # Session (cpapi.md §2).
    attempt("tickle", client.tickle, lambda d: isinstance(d, dict) and "session" in d)
    attempt("authentication_status", client.authentication_status, lambda d: d.get("authenticated") is True)
    attempt("validate", client.validate, lambda d: d.get("RESULT") is True)
    attempt("receive_brokerage_accounts", client.receive_brokerage_accounts,
            lambda d: ACCOUNT in d.get("accounts", []))
    # Portfolio (cpapi.md §3).
    attempt("portfolio_accounts", client.portfolio_accounts, lambda d: d[0]["accountId"] == ACCOUNT)
    attempt("portfolio_subaccounts", client.portfolio_subaccounts, lambda d: d[0]["accountId"] == ACCOUNT)
    attempt("portfolio_account_information", client.portfolio_account_information, lambda d: d["id"] == ACCOUNT)
    attempt("portfolio_summary", client.portfolio_summary, lambda d: "netliquidation" in d)
    attempt("get_ledger", client.get_ledger, lambda d: "USD" in d)
    attempt("account_summary (iserver)", client.account_summary, lambda d: "netLiquidationValue" in d)
    attempt("account_profit_and_loss", client.account_profit_and_loss, lambda d: "upnl" in d)
    # Contracts (cpapi.md §4, §5).
    attempt("security_stocks_by_symbol", lambda: client.security_stocks_by_symbol("AAPL", default_filtering=False),
            lambda d: "AAPL" in d)
    attempt("stock_conid_by_symbol", lambda: client.stock_conid_by_symbol("AAPL"), lambda d: d.get("AAPL") == 265598)
    attempt("search_contract_by_symbol", lambda: client.search_contract_by_symbol("AAPL"),
            lambda d: len(d) >= 2 and d[0]["conid"] == "265598")
    attempt("contract_information_by_conid", lambda: client.contract_information_by_conid("265598"),
            lambda d: d["con_id"] == 265598)
    attempt("search_contract_rules (string conid)", lambda: client.search_contract_rules("265598", is_buy=True),
            lambda d: isinstance(d, dict))
    attempt("security_definition_by_conid", lambda: client.security_definition_by_conid(["265598"]),
            lambda d: d["secdef"][0]["ticker"] == "AAPL")
    attempt("search_secdef_info_by_conid", lambda: client.search_secdef_info_by_conid("265598", "STK", None),
            lambda d: d[0]["symbol"] == "AAPL")
    # Market data (cpapi.md §5).
    client.live_marketdata_snapshot("265598", ["31", "84", "86"])
    attempt("live_marketdata_snapshot", lambda: client.live_marketdata_snapshot("265598", ["31", "84", "86"]),
            lambda d: d[0].get("31") is not None)
    attempt("marketdata_history_by_conid", lambda: client.marketdata_history_by_conid("265598", "1d", "1min"),
            lambda d: len(d.get("data", [])) > 0)
    # Orders, answering questions with ibind's own QuestionType matching (cpapi.md §6).
    market = OrderRequest(conid=265598, side="BUY", quantity=2, order_type="MKT", acct_id=ACCOUNT, tif="DAY",
                          coid="ibind-mkt-1")
    placed = attempt("place_order MKT (questions answered by ibind)", lambda: client.place_order(market, ALL_YES),
                     lambda d: acknowledged(d))
    stop = OrderRequest(conid=265598, side="SELL", quantity=2, order_type="STP", price=150, acct_id=ACCOUNT,
                        tif="GTC", coid="ibind-stp-1")
    stopped = attempt("place_order STP (o10152 or o10331 answered by ibind)", lambda: client.place_order(stop, ALL_YES),
                      lambda d: acknowledged(d))
    attempt("live_orders", lambda: client.live_orders(force=False), lambda d: "orders" in d)
    if stopped:
        order_id = (stopped if isinstance(stopped, list) else [stopped])[0]["order_id"]
        attempt("order_status", lambda: client.order_status(order_id), lambda d: d.get("order_id") is not None)
        modified = OrderRequest(conid=265598, side="SELL", quantity=2, order_type="STP", price=151, acct_id=ACCOUNT,
                                tif="GTC")
        attempt("modify_order", lambda: client.modify_order(order_id, modified, ALL_YES),
                lambda d: acknowledged(d))
        attempt("cancel_order", lambda: client.cancel_order(order_id), lambda d: "msg" in d or "order_id" in d)
    whatif = OrderRequest(conid=265598, side="BUY", quantity=1, order_type="LMT", price=189, acct_id=ACCOUNT,
                          tif="DAY")
    attempt("whatif_order", lambda: client.whatif_order(whatif), lambda d: "amount" in d)
    attempt("trades", client.trades, lambda d: isinstance(d, list) and len(d) >= 1 and "net_amount" in d[0])
    attempt("positions", client.positions, lambda d: isinstance(d, list))
    attempt("invalidate_backend_portfolio_cache", client.invalidate_backend_portfolio_cache, lambda d: d is not None)
    attempt("positions after invalidate", client.positions, lambda d: any(row["conid"] == 265598 for row in d))
    attempt("positions_by_conid", lambda: client.positions_by_conid(ACCOUNT, "265598"), lambda d: len(d) == 1)
    attempt("position_and_contract_info", lambda: client.position_and_contract_info("265598"),
            lambda d: ACCOUNT in d)
    attempt("suppress_messages", lambda: client.suppress_messages(["o163"]), lambda d: d.get("status") == "submitted")
    attempt("reset_suppressed_messages", client.reset_suppressed_messages, lambda d: d.get("status") == "submitted")
    # The twin's ground truth and its question corpus against ibind's table.
    state = admin(port, "GET", "/twin/state")
    asked = state["questionsAsked"]
    check("the twin asked a stop question ibind knows", "o10152" in asked or "o10331" in asked, str(asked))
    check("ibind placed orders the twin received", len(state["received"]) >= 3, str(len(state["received"])))
    corpus = {question["id"]: question["text"] for question in admin(port, "GET", "/twin/questions")}
    table = ibkr_utils._MESSAGE_ID_TO_QUESTION_TYPE
    for message_id in ["o10331", "o403", "o354", "o10164", "p12"]:
        question_type = table[message_id][0]
        check(f"ibind's QuestionType for {message_id} matches the twin's text", str(question_type) in corpus[message_id],
              f"{question_type} not in {corpus[message_id]!r}")
    check("ibind's o10331 text is the twin's", table["o10331"][1] == corpus["o10331"], corpus["o10331"])
    check("ibind's stop-variant type (o10152) matches the twin's o10152",
          str(QuestionType.STOP_VARIANT_ORDER_CONFIRMATION) in corpus["o10152"], corpus["o10152"])
    check("the generic o0 carries ibind's trigger-and-fill text",
          str(QuestionType.TRIGGER_AND_FILL) in corpus["o0"], corpus["o0"])
    # Logout: auth status answers 200 authenticated:false (cpapi.md §2.3).
    attempt("logout", client.logout, lambda d: d.get("status") is True)
    attempt("authentication_status after logout", lambda: client.authentication_status(),
            lambda d: d.get("authenticated") is False)


if __name__ == "__main__":
    main()
