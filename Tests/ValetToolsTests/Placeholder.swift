// Placeholder so the test target builds; its suites land with the module.
