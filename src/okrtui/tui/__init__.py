"""The Textual interface: shows the core's answers, sends the user's intents."""
