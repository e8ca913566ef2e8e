"""Pure types shared by every layer: no I/O, no globals, no dependencies on other layers."""
