"""Run the kiosk.

python -m kiosk [--config kiosk.toml]            the resident kiosk in this terminal
python -m kiosk serve [--host H] [--port P] [--config kiosk.toml]
                                                 the same kiosk in a browser (textual-serve);
                                                 each browser session gets its own process
python -m kiosk --advisor                        the advisor mode (kiosk/advisor)
python -m kiosk speak --lang LANG TEXT [--wav F] say TEXT as the kiosk would (or write F)
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from kiosk.config import CONFIG_ENV, ConfigError, load_config


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description="Accès aux droits: kiosk.")
    parser.add_argument("--config", help="TOML configuration file (default: $KIOSK_CONFIG or built-in defaults)")
    parser.add_argument("--advisor", action="store_true", help="run the advisor mode instead of the resident kiosk")
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="serve the kiosk to a browser with textual-serve")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--config", dest="serve_config", help=argparse.SUPPRESS)
    speak = sub.add_parser("speak", help="say a text as the kiosk would (or write it to a WAV file)")
    speak.add_argument("--lang", required=True, help="language code (fr, ar, uk…)")
    speak.add_argument("text", help="the text to say")
    speak.add_argument("--wav", help="write the sound to this WAV file instead of playing it")
    return parser


def _advisor_app(config):
    try:
        from kiosk.advisor import AdvisorApp  # provided by kiosk/advisor/
    except ImportError:
        print("The advisor mode is not available in this version.", file=sys.stderr)
        raise SystemExit(2) from None
    return AdvisorApp(config)


def serve(host: str, port: int, config_path: str | None, advisor: bool) -> None:
    from textual_serve.server import Server

    # Each browser session runs this command in its own process; the child
    # finds the configuration through the environment.
    if config_path:
        os.environ[CONFIG_ENV] = os.path.abspath(config_path)
    command = f"{shlex.quote(sys.executable)} -m kiosk" + (" --advisor" if advisor else "")
    Server(command, host=host, port=port, title="Accès aux droits").serve()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config_path = getattr(args, "serve_config", None) or args.config
    try:
        config = load_config(config_path)
    except ConfigError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    if args.command == "speak":
        from kiosk.speech import speak_main

        return speak_main(args.lang, args.text, args.wav, config.speech)
    if args.command == "serve":
        serve(args.host, args.port, config_path, args.advisor)
        return 0
    if args.advisor:
        app = _advisor_app(config)
    else:
        from kiosk.app import KioskApp

        app = KioskApp(config)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
