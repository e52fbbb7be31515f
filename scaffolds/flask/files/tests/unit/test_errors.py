from pathlib import Path

from app.errors import ERROR_CODES


def test_every_error_code_is_documented() -> None:
    documented = (Path(__file__).parents[2] / "docs" / "errors.md").read_text()
    missing = [code for code in ERROR_CODES if f"`{code}`" not in documented]
    assert not missing, f"add these codes to docs/errors.md: {missing}"
