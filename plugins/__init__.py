"""Built-in plugins. Each module is registered through the ``secondround`` entry-point
group exactly like a third-party plugin, and imports only ``secondround.core.api``."""
