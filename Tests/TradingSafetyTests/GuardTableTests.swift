// Suites land next.
