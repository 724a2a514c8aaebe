"""Interop check: the official Python MCP client (PyPI `mcp`) drives the real `valet serve` binary over stdio.

Run: python interop.py /path/to/valet
Covers: the handshake era (legacy client), the modern era (dual-era client in auto mode ends on 2026-07-28),
tools/list with schemas and annotations, tools/call with output-schema validation (the client validates
structuredContent against outputSchema and raises if it does not conform; we also validate with jsonschema),
error paths (unknown tool: JSON-RPC -32602; bad arguments: a tool result with isError), cancellation (an
abandoned call sends notifications/cancelled and the session keeps serving), ping and clean shutdown on EOF (a
pending wait_for_fill is cancelled and the process exits 0 at once), a repeated key in tool arguments refused
with -32602 naming it, and a whole agent session (quotes, account, every order kind, open orders, cancel, close,
history, reconcile) sending the value types the results use: decimal strings copied from results, order ids as
returned; the research tools (search_symbol, price_history, pnl); and a resource subscription that hears of a fill.
Prints 'N passed, N failed' and exits non-zero on any failure.
"""

import asyncio
import json
import sys
import traceback
from decimal import Decimal

import anyio
import jsonschema
from mcp import Client, ClientSession, StdioServerParameters, stdio_client
from mcp.shared.exceptions import MCPError

VALET = sys.argv[1]
PARAMS = StdioServerParameters(command=VALET, args=["serve"], env={"VALET_LOG": "info"})
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition)))
    print(("PASS " if condition else "FAIL ") + name + ("" if condition else f" -- {detail}"), flush=True)


def tool_named(tools, name):
    return next((t for t in tools if t.name == name), None)


async def check_tools(client, era):
    tools = (await client.list_tools()).tools
    market = tool_named(tools, "market_status")
    check(f"{era}: tools/list offers market_status", market is not None, [t.name for t in tools])
    if market is None:
        return
    check(f"{era}: market_status declares an output schema", market.output_schema is not None)
    check(f"{era}: market_status is annotated read-only", market.annotations and market.annotations.read_only_hint)
    result = await client.call_tool("market_status", {})
    check(f"{era}: market_status succeeds", not result.is_error, result)
    structured = result.structured_content or {}
    try:
        jsonschema.validate(structured, market.output_schema)
        check(f"{era}: structuredContent conforms to outputSchema (jsonschema)", True)
    except jsonschema.ValidationError as error:
        check(f"{era}: structuredContent conforms to outputSchema (jsonschema)", False, error.message)
    check(f"{era}: the envelope says ok", structured.get("ok") is True, structured)
    check(f"{era}: market_open is a boolean", isinstance(structured.get("data", {}).get("market_open"), bool))
    text = result.content[0].text if result.content else ""
    check(f"{era}: the text block mirrors the structured content", '"ok":true' in text, text)

    bad = await client.call_tool("market_status", {"surprise": 1})
    check(f"{era}: bad arguments are a tool error, not a protocol error", bad.is_error, bad)
    try:
        await client.call_tool("no_such_tool", {})
        check(f"{era}: an unknown tool is a JSON-RPC error", False, "no error raised")
    except MCPError as error:
        check(f"{era}: an unknown tool is a JSON-RPC error -32602", error.error.code == -32602, error.error)

    # The research tools (issue 13 item 3): each answers in the envelope and conforms to its output schema.
    for name, arguments in [
        ("search_symbol", {"query": "AAPL"}),
        ("price_history", {"symbol": "AAPL", "period": "1d", "bar": "1h"}),
        ("pnl", {}),
    ]:
        tool = tool_named(tools, name)
        check(f"{era}: tools/list offers {name}", tool is not None, [t.name for t in tools])
        if tool is None:
            continue
        answer = await client.call_tool(name, arguments)
        check(f"{era}: {name} succeeds", not answer.is_error, answer)
        try:
            jsonschema.validate(answer.structured_content or {}, tool.output_schema)
            check(f"{era}: {name} conforms to its outputSchema (jsonschema)", True)
        except jsonschema.ValidationError as error:
            check(f"{era}: {name} conforms to its outputSchema (jsonschema)", False, error.message)
    refused = await client.call_tool("price_history", {"symbol": "AAPL", "period": "99y"})
    refused_error = (refused.structured_content or {}).get("error", {})
    check(f"{era}: price_history refuses a period outside IBKR's set", refused.is_error
          and refused_error.get("argument") == "period", refused)

    # A resting order on the twin (a limit far below the market) gives wait_for_fill something to wait for.
    buy = await client.call_tool("buy", {"symbol": "AAPL", "quantity": 0.25, "limit_price": 150})
    order_id = (buy.structured_content or {}).get("data", {}).get("order_id")
    check(f"{era}: a resting limit buy is placed on the twin", not buy.is_error and order_id, buy)
    if order_id:
        progress = []

        async def on_progress(value, total, message):
            progress.append(value)

        # Cancellation: abandon wait_for_fill mid-flight; the client sends notifications/cancelled, the server
        # stops the call, sends no reply for it, and keeps serving.
        # Meanwhile another call is answered: one task per request, a waiting tool delays nothing.
        cancelled = True
        answered_meanwhile = None

        async def wait_then_abandon():
            nonlocal cancelled
            with anyio.move_on_after(3.5):
                await client.call_tool(
                    "wait_for_fill", {"order_id": order_id, "timeout_seconds": 60}, progress_callback=on_progress
                )
                cancelled = False

        async with anyio.create_task_group() as group:
            group.start_soon(wait_then_abandon)
            await anyio.sleep(1)
            with anyio.move_on_after(2):
                answered_meanwhile = await client.call_tool("market_status", {})
        check(f"{era}: wait_for_fill was still waiting when cancelled", cancelled)
        check(
            f"{era}: a call made while wait_for_fill waits is answered at once",
            answered_meanwhile is not None and not answered_meanwhile.is_error,
            answered_meanwhile,
        )
        check(f"{era}: wait_for_fill sent progress notifications", len(progress) >= 1, progress)
        status = await client.call_tool("order_status", {"order_id": order_id})
        check(f"{era}: the session keeps serving after a cancelled call", not status.is_error, status)
        cancel = await client.call_tool("cancel_order", {"order_id": order_id})
        check(f"{era}: the resting order is cancelled", not cancel.is_error, cancel)


async def legacy():
    async with stdio_client(PARAMS) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            check("handshake: initialize negotiates 2025-11-25", init.protocol_version == "2025-11-25", init)
            check("handshake: serverInfo names valet", init.server_info.name == "valet", init.server_info)
            check("handshake: instructions are given", bool(init.instructions))
            await session.send_ping()
            check("handshake: ping answered", True)
            await check_tools(session, "handshake")


async def modern():
    async with Client(PARAMS) as client:
        check("auto mode: a dual-era client ends on the modern era", client.protocol_version == "2026-07-28",
              client.protocol_version)
        await check_tools(client, "modern")


async def legacy_only():
    async with Client(PARAMS, mode="legacy") as client:
        check("legacy mode: a legacy-only client ends on the handshake era", client.protocol_version == "2025-11-25",
              client.protocol_version)


def pipelined_flood():
    """A client that writes 1 MB of requests before reading any answer: the server must keep reading while its
    answers wait, or both sides block on full pipes."""
    import json
    import subprocess
    import threading

    lines = [{"jsonrpc": "2.0", "id": 0, "method": "initialize",
              "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "flood", "version": "1"}}}]
    lines += [{"jsonrpc": "2.0", "id": i + 1, "method": "ping"} for i in range(20000)]
    lines += [{"jsonrpc": "2.0", "id": 30000 + i, "method": "tools/call",
               "params": {"name": "market_status", "arguments": {}}} for i in range(500)]
    data = ("\n".join(json.dumps(line) for line in lines) + "\n").encode()
    server = subprocess.Popen([VALET, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)

    def write_all():
        server.stdin.write(data)
        server.stdin.close()

    writer = threading.Thread(target=write_all, daemon=True)
    writer.start()
    writer.join(timeout=60)
    check("pipelined: 1 MB of requests is read before any answer is", not writer.is_alive())
    if writer.is_alive():
        server.kill()
        return
    replies = server.stdout.read().count(b"\n")
    server.wait(timeout=60)
    check("pipelined: every request is answered", replies == len(lines), replies)


def end_of_input():
    """Raw stdio: a repeated argument key is refused; closing stdin while wait_for_fill waits ends the server at once
    with status 0 and no answer to the wait (it would otherwise wait out its 60 s)."""
    import json
    import subprocess

    server = subprocess.Popen([VALET, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)

    def send(line):
        server.stdin.write((line + "\n").encode())
        server.stdin.flush()

    def until(marker):
        while True:
            line = server.stdout.readline().decode()
            if not line or marker in line:
                return line

    send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                                "clientInfo": {"name": "eof", "version": "1"}}}))
    until('"id":1')
    send('{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"buy","arguments":'
         '{"symbol":"AAPL","cash_amount":5,"cash_amount":500}}}')
    refused = json.loads(until('"id":2') or "{}")
    error = refused.get("error", {})
    check("raw: a repeated argument key is -32602 naming the key",
          error.get("code") == -32602 and '"cash_amount"' in error.get("message", ""), refused)
    send(json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                     "params": {"name": "buy", "arguments": {"symbol": "AAPL", "quantity": 1, "limit_price": 100}}}))
    placed = json.loads(until('"id":3') or "{}")
    order_id = placed.get("result", {}).get("structuredContent", {}).get("data", {}).get("order_id")
    check("raw: a resting limit buy is placed", order_id, placed)
    send(json.dumps({"jsonrpc": "2.0", "id": 4, "method": "tools/call",
                     "params": {"name": "wait_for_fill", "arguments": {"order_id": order_id, "timeout_seconds": 60},
                                "_meta": {"progressToken": "w"}}}))
    until("notifications/progress")
    server.stdin.close()
    try:
        status = server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        status = None
    rest = server.stdout.read().decode()
    check("raw: EOF with wait_for_fill pending exits 0 within 5 s", status == 0, status)
    check("raw: the cancelled wait gets no answer", '"id":4' not in rest, rest)


# Caps above the session's orders and no duplicate window: the flow is about arguments, not the guards.
FLOW_PARAMS = StdioServerParameters(
    command=VALET, args=["serve"],
    env={"VALET_LOG": "info", "MAX_ORDER_VALUE": "100000", "MAX_DAILY_VALUE": "", "DUPLICATE_WINDOW_SECONDS": "0"},
)


async def flow():
    """Issue 13's agent session through the official client, as a model given only the tool list would drive it:
    every argument is checked against the tool's own input schema first (jsonschema), then sent; numbers go back
    as the decimal strings the results gave, order ids as returned (and once as an integer)."""
    async with Client(FLOW_PARAMS) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}

        async def call(name, arguments):
            label = f"flow: {name} {arguments}"
            try:
                jsonschema.validate(arguments, tools[name].input_schema)
            except jsonschema.ValidationError as error:
                check(f"{label} fits the input schema", False, error.message)
                return {}
            result = await client.call_tool(name, arguments)
            structured = result.structured_content or {}
            check(f"{label} succeeds", not result.is_error and structured.get("ok") is True, structured)
            return structured.get("data") or {}

        def price(value, factor):
            return str((Decimal(value) * Decimal(factor)).quantize(Decimal("0.01")))

        await call("session_status", {})
        await call("market_status", {})
        await call("get_quote", {"symbol": "KO"})
        quotes = await call("get_quotes", {"symbols": ["AAPL", "KO", "MSFT"]})
        last = {row["symbol"]: row["last_price"] for row in quotes.get("quotes", [])}
        check("flow: quotes are decimal strings", all(isinstance(v, str) for v in last.values()), last)
        await call("account_summary", {})
        await call("positions", {})
        await call("portfolio", {})
        await call("preview_order", {"symbol": "AAPL", "side": "BUY", "cash_amount": "50"})
        dollar = await call("buy", {"symbol": "AAPL", "cash_amount": "50"})
        fill = await call("wait_for_fill", {"order_id": dollar.get("order_id", "0"), "timeout_seconds": "10"})
        filled = fill.get("filled_quantity")
        check("flow: the dollar buy filled a fractional quantity, given as a string", isinstance(filled, str), fill)
        limit = await call("buy", {"symbol": "KO", "quantity": "1", "limit_price": price(last.get("KO", "60"), "0.98")})
        limit_id = limit.get("order_id", "0")
        await call("order_status", {"order_id": int(limit_id) if str(limit_id).isdigit() else limit_id})
        working = await call("open_orders", {})
        check("flow: open_orders lists the working limit buy",
              any(row.get("order_id") == limit_id for row in working or []), working)
        await call("cancel_order", {"order_id": limit_id})
        await call("buy", {"symbol": "KO", "quantity": "2"})
        await call("stop_order", {"symbol": "KO", "side": "SELL", "quantity": "1",
                                  "stop_price": price(last.get("KO", "60"), "0.9")})
        await call("trailing_stop", {"symbol": "KO", "side": "SELL", "quantity": "1", "trail_percent": "5"})
        await call("bracket_order", {"symbol": "MSFT", "quantity": "1",
                                     "take_profit": price(last.get("MSFT", "400"), "1.05"),
                                     "stop_loss": price(last.get("MSFT", "400"), "0.95")})
        await call("open_orders", {"include_finished": True})
        await call("sell", {"symbol": "AAPL", "quantity": filled or "0"})
        await call("close_position", {"symbol": "KO"})
        await call("executions", {"days": "1"})
        await call("trade_history", {"limit": "20"})
        await call("reconcile_pending", {})


async def subscription():
    """Fill notifications (issue 13 item 3): a handshake-era client subscribes to valet://orders, a dollar buy fills,
    wait_for_fill's read of the fill sends notifications/resources/updated, and reading the resource shows it."""
    updated = []

    async def on_message(message):
        root = getattr(message, "root", message)
        if getattr(root, "method", None) == "notifications/resources/updated":
            updated.append(str(root.params.uri))

    async with stdio_client(FLOW_PARAMS) as (read, write):
        async with ClientSession(read, write, message_handler=on_message) as session:
            init = await session.initialize()
            resources = init.capabilities.resources
            check("subscription: the server declares resources.subscribe", bool(resources and resources.subscribe),
                  resources)
            await session.subscribe_resource("valet://orders")
            buy = await session.call_tool("buy", {"symbol": "AAPL", "cash_amount": "50"})
            order_id = (buy.structured_content or {}).get("data", {}).get("order_id")
            check("subscription: a dollar buy is placed", not buy.is_error and order_id, buy)
            fill = await session.call_tool("wait_for_fill", {"order_id": order_id or "0", "timeout_seconds": "10"})
            status = (fill.structured_content or {}).get("data", {}).get("status")
            check("subscription: the buy filled", status == "filled", fill)
            await anyio.sleep(0)  # let the session hand over a notice that arrived with the answer
            check("subscription: notifications/resources/updated named valet://orders",
                  updated.count("valet://orders") == 1, updated)
            check("subscription: nothing unsubscribed was announced", set(updated) <= {"valet://orders"}, updated)
            contents = await session.read_resource("valet://orders")
            rows = json.loads(contents.contents[0].text)
            check("subscription: reading valet://orders shows the fill",
                  any(row.get("order_id") == order_id and row.get("status") == "filled" for row in rows), rows)


async def main():
    for raw in (pipelined_flood, end_of_input):
        try:
            raw()
        except Exception:
            check(f"{raw.__name__}: ran without an exception", False, traceback.format_exc())
    for scenario in (legacy, modern, legacy_only, flow, subscription):
        try:
            await scenario()
        except Exception:
            check(f"{scenario.__name__}: ran without an exception", False, traceback.format_exc())
    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    print(f"interop: {passed} passed, {failed} failed", flush=True)
    return 1 if failed or not results else 0


sys.exit(asyncio.run(main()))
