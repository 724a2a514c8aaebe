"""ibind's WebSocket client (`IbkrWsClient`, pinned with ibind) against `valet twin serve`'s `/v1/api/ws`.

Run by twin_ibind.py, which counts these checks in its summary. The twin serves cpapi.md §11's topics: market data
(`smd`/`umd`), live orders (`sor`/`uor`), `tic`, the `system` heartbeat and `sts`. Prices are frozen (`--walk 0`)
and set through the twin's admin API, so every price checked here is one the twin was told to show.
"""

from ibind import IbkrClient, IbkrWsClient, OrderRequest, QueueSink, events
from ibind.subscriptions import MarketDataSubscription, OrdersSubscription, PnlSubscription

CONID = "265598"  # AAPL in the twin's default instruments


def _next(sink, event_type, predicate, timeout=10):
    """The first queued event of `event_type` that satisfies `predicate`, or None after `timeout` seconds quiet."""
    while True:
        event = sink.get(event_type, block=True, timeout=timeout)
        if event is None or predicate(event):
            return event


def _drain(sink, event_type):
    while sink.get(event_type) is not None:
        pass


def websocket_checks(port, account, admin, check, all_yes):
    client = IbkrClient(url=f"http://127.0.0.1:{port}/v1/api/", account_id=account, cacert=False,
                        use_session=False, auto_register_shutdown=False, max_retries=1)
    client.tickle()
    client.receive_brokerage_accounts()
    sink = QueueSink()
    # Plain ws:// (the twin serves no TLS); ibind takes the session cookie from the REST client's /tickle.
    ws = IbkrWsClient(url=f"ws://127.0.0.1:{port}/v1/api/ws", account_id=account, ibkr_client=client, cacert=False,
                      sink=sink, synchronous_output_events=True)
    started = ws.start()
    try:
        check("ws: IbkrWsClient connects to /v1/api/ws and the twin's sts says authenticated",
              started and ws.is_authenticated(), f"start={started}")
        tic = ws.tic()
        check("ws: tic answers with lastAccessed", isinstance(tic, dict) and "lastAccessed" in tic, tic)

        admin(port, "POST", "/twin/price", {"conid": int(CONID), "last": "191.25"})
        market = MarketDataSubscription(conid=CONID, fields=["31", "84", "86"])
        handle = ws.subscribe(market)
        check("ws: smd subscription becomes active (the twin's update confirms it)", handle.wait(10), handle.status)
        first = _next(sink, events.MarketData, lambda e: e.conid == CONID and "last_price" in e.data)
        check("ws: market data carries the twin's last price (field 31)",
              first is not None and first.data["last_price"] == "191.25", first and first.data)
        admin(port, "POST", "/twin/price", {"conid": int(CONID), "last": "192.50"})
        moved = _next(sink, events.MarketData, lambda e: e.conid == CONID and e.data.get("last_price") == "192.50")
        check("ws: a new twin price is pushed as an update", moved is not None, "no update with 192.50")

        orders = ws.subscribe(OrdersSubscription())
        check("ws: sor subscription is active", orders.wait(10), orders.status)
        request = OrderRequest(conid=int(CONID), side="BUY", quantity=1, order_type="LMT", price=150,
                               acct_id=account, tif="GTC", coid="ibind-ws-1")
        placed = client.place_order(request, all_yes).data
        rows = placed if isinstance(placed, list) else [placed]
        order_id = str(rows[0].get("order_id")) if rows and isinstance(rows[0], dict) else None
        seen = _next(sink, events.Orders,
                     lambda e: any(str(row.get("orderId")) == order_id for row in e.data.get("args", [])))
        check("ws: the order placed through the REST client arrives on sor", order_id and seen is not None,
              f"order {order_id} not seen")
        if order_id:
            client.cancel_order(order_id)
            cancelled = _next(sink, events.Orders, lambda e: any(
                str(row.get("orderId")) == order_id and row.get("status") == "Cancelled"
                for row in e.data.get("args", [])))
            check("ws: its cancellation is pushed on sor too", cancelled is not None, "no Cancelled row")

        gone = ws.unsubscribe(market)
        check("ws: umd unsubscribes", gone.wait(10), gone.status)
        _drain(sink, events.MarketData)
        admin(port, "POST", "/twin/price", {"conid": int(CONID), "last": "193.75"})
        # The twin pushes within a poll (100 ms); two seconds of silence after umd shows the stream stopped.
        late = sink.get(events.MarketData, block=True, timeout=2)
        check("ws: no market data after umd", late is None, late and late.data)
        stopped = ws.unsubscribe(OrdersSubscription())
        check("ws: uor unsubscribes", stopped.wait(10), stopped.status)

        pnl = ws.subscribe(PnlSubscription())
        check("ws: spl subscription becomes active (the twin's P&L row confirms it)", pnl.wait(10), pnl.status)
        row = _next(sink, events.Pnl, lambda e: f"{account}.Core" in e.data.get("args", {}))
        check("ws: the P&L row matches REST's partitioned P&L",
              row is not None and row.data["args"] == client.account_profit_and_loss().data["upnl"],
              row and row.data)
        ws.unsubscribe(PnlSubscription())
    finally:
        check("ws: IbkrWsClient shuts down cleanly", ws.shutdown())
