"""Run the kiosk.

python -m kiosk [--config kiosk.toml]            the resident kiosk in this terminal
python -m kiosk serve --config kiosk.toml [--host H] [--port P]
python -m kiosk serve --demo                     the same kiosk in a browser (textual-serve),
                                                 one process per browser session, offline,
                                                 at most `serve.max_sessions` at once
python -m kiosk hash-pin                         ask a staff PIN (twice, not shown) and print
                                                 the configuration line that stores its hash
python -m kiosk --advisor                        the advisor mode (kiosk/advisor)
python -m kiosk speak --lang LANG TEXT [--wav F] say TEXT as the kiosk would (or write F)
"""

from __future__ import annotations

import argparse
import getpass
import logging
import logging.handlers
import os
import sys
from pathlib import Path

from kiosk.config import CONFIG_ENV, ConfigError, KioskConfig, load_config

DEMO_CONFIG = Path(__file__).with_name("demo.toml")
#: Where the system log listens (journald and rsyslog both do).
SYSLOG = "/dev/log"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description="Accès aux droits: kiosk.")
    parser.add_argument("--config", help="TOML configuration file (default: $KIOSK_CONFIG or built-in defaults)")
    parser.add_argument("--advisor", action="store_true", help="run the advisor mode instead of the resident kiosk")
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="serve the kiosk to a browser on this machine with textual-serve")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--config", dest="serve_config", help="TOML configuration file (required, or --demo)")
    serve.add_argument("--demo", action="store_true", help=f"serve the demonstration ({DEMO_CONFIG.name})")
    sub.add_parser("hash-pin", help="print the staff_pin_hash line for a new staff PIN")
    speak = sub.add_parser("speak", help="say a text as the kiosk would (or write it to a WAV file)")
    speak.add_argument("--lang", required=True, help="language code (fr, ar, uk…)")
    speak.add_argument("text", help="the text to say")
    speak.add_argument("--wav", help="write the sound to this WAV file instead of playing it")
    return parser


def _advisor_app(config):
    from kiosk.advisor import AdvisorApp  # imported here: the resident kiosk never loads the advisor

    return AdvisorApp(config)


def setup_error_log(config: KioskConfig) -> None:
    """Send the kiosk's error log (types and code locations, nothing
    personal) to `error_log`, or to the system log. Never to the screen."""
    logger = logging.getLogger("kiosk")
    logger.setLevel(logging.INFO)
    if config.error_log:
        try:
            handler: logging.Handler = logging.FileHandler(config.error_log, encoding="utf-8", delay=False)
        except OSError as error:
            raise ConfigError(f"error_log: cannot write {config.error_log} ({error.strerror})") from None
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    elif os.path.exists(SYSLOG):
        handler = logging.handlers.SysLogHandler(address=SYSLOG)
        handler.setFormatter(logging.Formatter("acces-droits-kiosk[%(process)d]: %(message)s"))
    else:
        return
    logger.addHandler(handler)


def _read_pin(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    # From a pipe (scripts, tests): one line each time, nothing echoed anyway.
    return sys.stdin.readline().rstrip("\r\n")


def hash_pin_command() -> int:
    from kiosk.pin import PIN_PATTERN, hash_pin

    pin = _read_pin("New staff PIN (4 to 12 digits, not shown): ")
    if not PIN_PATTERN.match(pin):
        print("kiosk: a staff PIN is 4 to 12 digits (0-9).", file=sys.stderr)
        return 2
    if _read_pin("The same PIN again: ") != pin:
        print("kiosk: the two PINs differ; nothing printed.", file=sys.stderr)
        return 2
    print("# Paste this line in the kiosk's configuration file, in place of any staff_pin line:", file=sys.stderr)
    print(f'staff_pin_hash = "{hash_pin(pin)}"')
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "hash-pin":
        return hash_pin_command()
    config_path = getattr(args, "serve_config", None) or args.config
    if args.command == "serve":
        if args.demo and config_path:
            print("kiosk: serve takes --config FILE or --demo, not both.", file=sys.stderr)
            return 2
        if args.demo:
            config_path = str(DEMO_CONFIG)
        if not config_path and not os.environ.get(CONFIG_ENV):
            print(
                "kiosk: serve needs a configuration (--config FILE, with the site's name, commune and "
                "staff_pin_hash), or --demo for the demonstration.",
                file=sys.stderr,
            )
            return 2
    try:
        config = load_config(config_path)
        setup_error_log(config)
    except ConfigError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    if args.command == "speak":
        from kiosk.speech import speak_main

        return speak_main(args.lang, args.text, args.wav, config.speech)
    if args.command == "serve":
        from kiosk.serve import serve

        serve(config, config_path or os.environ[CONFIG_ENV], host=args.host, port=args.port, advisor=args.advisor)
        return 0
    if args.advisor:
        app = _advisor_app(config)
    else:
        from kiosk.app import KioskApp

        app = KioskApp(config)
    app.run()
    if args.advisor and app.return_code == 3:
        from kiosk.advisor.app import STOPPED_ON_ERRORS

        print(STOPPED_ON_ERRORS, file=sys.stderr)
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
