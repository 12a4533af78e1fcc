"""The sandbox's pytest fixtures: device emulators, moto, the ARM emulator, the live demo estate."""

pytest_plugins = [
    "exitkit.sandbox.pytest_plugin",
    "exitkit.sandbox.pytest_cloud",
    "tests.helpers.demo_estate",
]
