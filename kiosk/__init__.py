"""The touch-screen kiosk (Textual): resident mode, and the advisor mode in
`kiosk.advisor`. Run it with `python -m kiosk`."""
