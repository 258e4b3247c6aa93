"""Gates: GE checkpoints run as pipeline steps. A gate validates each of its
datasets with a checkpoint (one validation definition on a whole-dataframe
batch), updates Data Docs with all the gate's results, and raises
DataQualityError naming the expectation, the column and examples of bad values
when any fails. A gate that may isolate rows instead returns the rows that
failed a row-level expectation, for the caller to quarantine; only a failure of
the dataset as a whole (no rows to blame) still stops it."""

from __future__ import annotations

import gc
import html
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from haberdar.quality.suites import SuiteFactory

log = logging.getLogger(__name__)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no usage statistics sent home


class DataQualityError(RuntimeError):
    """A gate failed: what depends on the data must not run."""


@dataclass
class GateResult:
    gate: str
    datasets: int
    expectations: int
    docs: Path
    # dataset -> row position -> the expectations it failed (only when rows are isolated)
    rejected: dict[str, dict[int, list[str]]] = field(default_factory=dict)


def _context(gx_dir: Path):
    import great_expectations as gx

    gx_dir.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(gx_dir))
    context.variables.progress_bars = {"globally": False}
    return context


def _checkpoint(context, gate: str, dataset: str, suite_factory: SuiteFactory, result_format: str):
    import great_expectations as gx

    source = context.data_sources.add_or_update_pandas(name="haberdar")
    asset_name = f"{gate}.{dataset}"
    asset = next((a for a in source.assets if a.name == asset_name), None) or source.add_dataframe_asset(
        asset_name
    )
    batch = next((b for b in asset.batch_definitions if b.name == "whole"), None)
    batch = batch or asset.add_batch_definition_whole_dataframe("whole")
    suite = suite_factory()
    suite.name = asset_name
    suite = context.suites.add_or_update(suite)
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=asset_name, data=batch, suite=suite)
    )
    return context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=asset_name,
            validation_definitions=[validation],
            actions=[],  # Data Docs are built once per gate, for all its results (run_gate)
            result_format={"result_format": result_format, "partial_unexpected_count": 5},
        )
    )


def _expectation(config) -> str:
    """An expectation as its users write it: type(column=…, max_value=…)."""
    kwargs = {
        k: v for k, v in config.kwargs.items() if k not in ("batch_id", "result_format") and v is not None
    }
    return f"{config.type}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"


def _failures(result, isolate: bool) -> tuple[list[str], dict[int, list[str]]]:
    """(what stops the gate, rows to quarantine with the expectations they failed)."""
    problems: list[str] = []
    rejected: dict[int, list[str]] = {}
    for run in result.run_results.values():
        for r in run.results:
            if r.success:
                continue
            found = r.result or {}
            rows = found.get("unexpected_index_list")
            if isolate and rows is not None:
                for row in rows:
                    rejected.setdefault(int(row), []).append(_expectation(r.expectation_config))
                continue
            kwargs = r.expectation_config.kwargs
            column = kwargs.get("column") or f"{kwargs.get('column_A')}/{kwargs.get('column_B')}"
            examples = found.get("partial_unexpected_list") or found.get("observed_value")
            problems.append(
                f"{r.expectation_config.type} on column '{column}': "
                f"{found.get('unexpected_count', '?')} bad rows, e.g. {examples!r}"
            )
    return problems, rejected


def _escaped(value):
    """A validation result's values made safe for HTML (strings escaped, all the
    way down). GE's Data Docs templates (.j2) are not autoescaped: a value such as
    a title holding `<script>` would run in the page of the failed validation."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list | tuple):
        return type(value)(_escaped(v) for v in value)
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


def _store_escaped(context, result) -> None:
    """Rewrite the stored results of a checkpoint run with their values escaped,
    so Data Docs (built from the store) shows a value as text."""
    store = context.validation_results_store
    for key in result.run_results:
        stored = store.get(key)
        for r in stored.results:
            if r.result:
                r.result = _escaped(r.result)
        store.set(key, stored)


def run_gate(
    gate: str, frames: dict[str, tuple[pd.DataFrame, SuiteFactory]], gx_dir: Path, isolate_rows: bool = False
) -> GateResult:
    """Validate every dataset of a gate; raise DataQualityError listing all failures
    (with isolate_rows, those of row-level expectations are returned instead, by
    row position in each dataset's frame)."""
    context = _context(gx_dir)
    failures, expectations, documented, rejected = [], 0, [], {}
    for dataset, (frame, suite_factory) in frames.items():
        # COMPLETE lists every failing row's position (SUMMARY only the first few)
        result_format = "COMPLETE" if isolate_rows else "SUMMARY"
        checkpoint = _checkpoint(context, gate, dataset, suite_factory, result_format)
        result = checkpoint.run(batch_parameters={"dataframe": frame.reset_index(drop=True)})
        expectations += sum(len(r.results) for r in result.run_results.values())
        problems, rows = _failures(result, isolate_rows)
        failures += [f"{gate}.{dataset} ({len(frame)} rows): {p}" for p in problems]
        if rows:
            rejected[dataset] = rows
        if not result.success:
            _store_escaped(context, result)
        documented += [
            i for result_id in result.run_results for i in (result_id, result_id.expectation_suite_identifier)
        ]
    # GE's batches and execution engines hold the validated frames in reference
    # cycles: freed now, not whenever Python next collects them (at 1M articles the
    # extraction gate grew by a gigabyte a batch). Once a gate: a collection costs ~0.3 s
    gc.collect()
    # what a checkpoint's UpdateDataDocsAction does, once for the whole gate: each
    # rebuild of the index costs more than validating a dataset
    context.build_data_docs(resource_identifiers=documented)
    docs = gx_dir / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    if failures:
        raise DataQualityError(f"data-quality gate '{gate}' failed; see {docs}\n  " + "\n  ".join(failures))
    log.info(
        "gate %s passed: %d datasets, %d expectations; Data Docs at %s", gate, len(frames), expectations, docs
    )
    return GateResult(gate, len(frames), expectations, docs, rejected)
