"""The console script's entry point (`esante = "esante_cli.entry:main"`, and `python -m esante_cli`).

Tiny on purpose, and imported before Typer, Click or Rich, so that it rules the whole run:
- Ctrl-C during start-up (importing takes tens of milliseconds) ends the process at once and
  quietly: SIGINT keeps the system's default action (the shell reports status 130) until the
  command line is about to run; from then on Python's KeyboardInterrupt is back, which the
  commands turn into « Interrompu » and exit 130 (errors.ExitCode.INTERRUPTED).
- Standard output and error are made safe (streams.py): characters the encoding lacks are
  transliterated; a closed stdout (`esante --version >&-`) or one that cannot be written
  (`> /dev/full`) is one French line on stderr and exit 74, never a traceback; a reader that
  goes away (`| head`) ends the run quietly.
- The cyclic garbage collector is off while the modules load (Typer, Click, esante: tens of
  thousands of objects that live until exit, which the collector would walk again and again),
  then those objects are frozen (gc.freeze: left out of every later collection) and the
  collector is back for the command's own work. At the end they are frozen again, so that
  the interpreter's last collections at exit do not walk them either; exit still flushes,
  closes and runs atexit handlers as usual (esante's writers close their files themselves,
  never through a collection). Together, ~15 % of a piped `esante search`'s time
  (bench/startup.py).

Nothing else should import this module: importing it changes the process's SIGINT handling
and garbage collection.
What comes before its first line stays Python's: the interpreter's own start-up and the
console-script launcher's `import re` (pip writes it), a few milliseconds on an idle machine.
"""

import gc

gc.disable()  # until the modules are loaded (see above); gc is built in, importing it is free

import _signal  # noqa: E402  the C module: `signal` itself builds enums first, ~1 ms more of unguarded start-up

if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:  # not if the parent ignores it
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)

import sys  # noqa: E402


def main() -> int:
    """Run esante; the exit status is returned (the console script passes it to sys.exit)."""
    try:
        return _run()
    finally:
        gc.freeze()  # the process ends: its memory goes back whole, no last collection walks it


def _run() -> int:
    from esante_cli import streams

    if not streams.prepare():
        return streams.output_failed(None)
    try:
        from esante_cli.cli import app
    finally:
        if _signal.getsignal(_signal.SIGINT) == _signal.SIG_DFL:
            _signal.signal(_signal.SIGINT, _signal.default_int_handler)
        gc.freeze()
        gc.enable()
    try:
        try:
            app(prog_name="esante")
            code: object = 0
        except SystemExit as exit_:
            code = exit_.code
        sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stderr.write("Interrompu.\n")
        return 130
    except BrokenPipeError:  # the reader left (`| head`): nothing more to say
        streams.silence_stdout()
        return 0
    except OSError as error:
        return streams.output_failed(error)
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    from esante_cli.textsafe import printable

    sys.stderr.write(printable(f"{code}") + "\n")
    return 1
