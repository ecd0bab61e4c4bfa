"""Advisor mode: the full household form for trained social workers.

python -m kiosk --advisor      (or: python -m kiosk.advisor)
"""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    import argparse

    from kiosk.config import ConfigError, load_config

    parser = argparse.ArgumentParser(prog="python -m kiosk --advisor", description="Accès aux droits: advisor mode.")
    parser.add_argument("--config", help="TOML configuration file of the kiosk (for the site's commune)")
    parser.add_argument("--advisor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"advisor: {error}")
        return 2
    from kiosk.advisor.app import AdvisorApp

    app = AdvisorApp(config)
    app.run()
    return app.return_code or 0


def __getattr__(name: str):
    # The Textual app is imported on first use: `main` stays cheap to import.
    if name == "AdvisorApp":
        from kiosk.advisor.app import AdvisorApp

        return AdvisorApp
    raise AttributeError(name)


__all__ = ["AdvisorApp", "main"]
