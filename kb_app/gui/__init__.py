"""The Qt desktop interface. It presents and dispatches; all logic lives in the core."""
