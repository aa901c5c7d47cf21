"""The commented Telegram block in credentials.yml works once uncommented."""
import re
from pathlib import Path

from rasa.core.channels.telegram import TelegramInput
from rasa.core.run import create_http_input_channels

CREDENTIALS = Path(__file__).resolve().parents[2] / "credentials.yml"


def uncommented_telegram_block() -> str:
    text = CREDENTIALS.read_text(encoding="utf-8")
    block = re.search(r"^#telegram:\n(?:#  .*\n)+", text, re.MULTILINE)
    assert block, "credentials.yml has no commented telegram: block"
    return "\n".join(line[1:] for line in block.group(0).splitlines()) + "\n"


def test_block_reads_its_settings_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TELEGRAM_TOKEN", "123456:test-token")
    monkeypatch.setenv("TELEGRAM_BOT_NAME", "dispute_advisor_bot")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example/webhooks/telegram/webhook")
    path = tmp_path / "credentials.yml"
    path.write_text(uncommented_telegram_block(), encoding="utf-8")
    [channel] = create_http_input_channels(None, str(path))
    assert isinstance(channel, TelegramInput)
    assert channel.access_token == "123456:test-token"
    assert channel.verify == "dispute_advisor_bot"
    assert channel.webhook_url == "https://bot.example/webhooks/telegram/webhook"
