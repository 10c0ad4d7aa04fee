from esante_cli.cli import app

app(prog_name="esante")
