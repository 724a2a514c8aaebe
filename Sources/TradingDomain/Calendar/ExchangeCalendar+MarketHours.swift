/// The exchange calendar is the trading-hours source the guards consult.
extension ExchangeCalendar: MarketHours {}
