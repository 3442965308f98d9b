"""The run-time guard: catch ORM and raw driver work mixed in one transaction while code runs.

Static analysis cannot follow every dependency-injection container or plugin registry. The
guard watches SQLAlchemy sessions and the raw PostgreSQL connections the program opens, and
reports the built-in rules' ids (TXM001-TXM005) with both call sites when a raw statement runs
beside an open ORM transaction in the same thread or asyncio task::

    from txmix_hook import runtime
    runtime.install("error")        # or "warn"; runtime.uninstall() undoes it

Importing this package imports nothing but the standard library: no tree-sitter, click, yaml,
rule engine, SQLAlchemy or driver.
"""

from txmix_hook.runtime.findings import RuntimeFinding, TxMixError, TxMixWarning
from txmix_hook.runtime.installation import guard, install, installed, uninstall
from txmix_hook.runtime.middleware import TxMixMiddleware
from txmix_hook.runtime.rules import RULES

__all__ = ["RULES", "RuntimeFinding", "TxMixError", "TxMixMiddleware", "TxMixWarning", "guard", "install", "installed", "uninstall"]
