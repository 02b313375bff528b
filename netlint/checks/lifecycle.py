"""Software lifecycle checks (articles 6.1, 6.2, 9.3): the OS version each config states,
against the shipped end-of-life table."""
