// Placeholder so the target builds; replaced as the module's types land (see DESIGN.md §2).
enum GatewayTwinModule {}
