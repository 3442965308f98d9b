"""pytest plugin (opt-in): run a test suite under the run-time guard.

    pytest --txmix-runtime=warn     # or error; or `txmix_runtime = error` in the ini file

Inactive unless asked for: the option and the ini value are read at configure time and nothing
else is imported until then. Findings are listed in the terminal summary, one line per
(rule, raw site, ORM site) with the tests that hit it; in ``error`` mode the test that mixed
fails, even when its code swallowed the ``TxMixError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from txmix_hook.runtime.findings import RuntimeFinding

_CHOICES = ("warn", "error", "off")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("txmix", "txmix run-time guard")
    group.addoption(
        "--txmix-runtime",
        choices=_CHOICES,
        default=None,
        help="report ORM and raw-driver work mixed in one transaction while the tests run: warn, error or off",
    )
    parser.addini("txmix_runtime", "txmix run-time guard mode: warn, error or off (default off)", default="")


def pytest_configure(config: pytest.Config) -> None:
    mode = (config.getoption("txmix_runtime") or str(config.getini("txmix_runtime")) or "off").strip()
    if mode not in _CHOICES:
        raise pytest.UsageError(f"txmix_runtime: expected one of {', '.join(_CHOICES)}, got {mode!r}")
    if mode != "off":
        config.pluginmanager.register(RuntimeGuardPlugin(mode), "txmix-runtime-guard")


class RuntimeGuardPlugin:
    def __init__(self, mode: str) -> None:
        from txmix_hook.runtime import installation, reporting

        self.mode = mode
        self._guard = installation
        self._reporting = reporting
        self.sites: dict[tuple[object, ...], tuple[RuntimeFinding, list[str]]] = {}
        self._pending: list[RuntimeFinding] = []
        self._test: str | None = None

    def pytest_configure(self, config: pytest.Config) -> None:
        self._reporting.add_listener(self._record)
        self._guard.install(self.mode)  # type: ignore[arg-type]

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        self._reporting.remove_listener(self._record)
        self._guard.uninstall()

    def _record(self, finding: RuntimeFinding) -> None:
        test = self._test or "(outside any test)"
        _, tests = self.sites.setdefault(finding.key, (finding, []))
        if test not in tests:
            tests.append(test)
        self._pending.append(finding)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Any:
        self._test = item.nodeid
        yield
        self._test = None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        outcome = yield
        report: pytest.TestReport = outcome.get_result()
        pending, self._pending = self._pending, []
        if self.mode == "error" and pending and report.passed:
            report.outcome = "failed"
            report.longrepr = "txmix run-time guard (the code caught the TxMixError):\n" + "\n".join(
                f.message() for f in pending
            )

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.sites:
            return
        terminalreporter.section("txmix run-time findings")
        for finding, tests in self.sites.values():
            terminalreporter.line(f"{finding.raw_site.path}:{finding.raw_site.line}: {finding.rule} {finding.name}: `{finding.statement}`")
            orm = f"    ORM work began at {finding.began_at}"
            if finding.last_wrote_at is not None:
                orm += f", last flushed at {finding.last_wrote_at}"
            terminalreporter.line(orm)
            shown = ", ".join(tests[:3]) + (f" and {len(tests) - 3} more" if len(tests) > 3 else "")
            terminalreporter.line(f"    in {shown}")
        terminalreporter.line(f"{len(self.sites)} distinct mix site(s); explain a rule with `txmix rule explain TXM001`")
