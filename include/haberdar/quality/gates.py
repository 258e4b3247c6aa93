"""Gates: GE checkpoints run as pipeline steps. A gate validates each of its
datasets with a checkpoint (one validation definition on a whole-dataframe
batch), updates Data Docs with all the gate's results, and raises
DataQualityError naming the expectation, the column and examples of bad values
when any fails."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
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


def _context(gx_dir: Path):
    import great_expectations as gx

    gx_dir.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(gx_dir))
    context.variables.progress_bars = {"globally": False}
    return context


def _checkpoint(context, gate: str, dataset: str, suite_factory: SuiteFactory):
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
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
        )
    )


def _failures(result) -> list[str]:
    problems = []
    for run in result.run_results.values():
        for r in run.results:
            if r.success:
                continue
            kwargs = r.expectation_config.kwargs
            column = kwargs.get("column") or f"{kwargs.get('column_A')}/{kwargs.get('column_B')}"
            found = r.result or {}
            examples = found.get("partial_unexpected_list") or found.get("observed_value")
            problems.append(
                f"{r.expectation_config.type} on column '{column}': "
                f"{found.get('unexpected_count', '?')} bad rows, e.g. {examples!r}"
            )
    return problems


def run_gate(gate: str, frames: dict[str, tuple[pd.DataFrame, SuiteFactory]], gx_dir: Path) -> GateResult:
    """Validate every dataset of a gate; raise DataQualityError listing all failures."""
    context = _context(gx_dir)
    failures, expectations, documented = [], 0, []
    for dataset, (frame, suite_factory) in frames.items():
        checkpoint = _checkpoint(context, gate, dataset, suite_factory)
        result = checkpoint.run(batch_parameters={"dataframe": frame})
        expectations += sum(len(r.results) for r in result.run_results.values())
        failures += [f"{gate}.{dataset} ({len(frame)} rows): {p}" for p in _failures(result)]
        documented += [
            i for result_id in result.run_results for i in (result_id, result_id.expectation_suite_identifier)
        ]
    # what a checkpoint's UpdateDataDocsAction does, once for the whole gate: each
    # rebuild of the index costs more than validating a dataset
    context.build_data_docs(resource_identifiers=documented)
    docs = gx_dir / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    if failures:
        raise DataQualityError(f"data-quality gate '{gate}' failed; see {docs}\n  " + "\n  ".join(failures))
    log.info(
        "gate %s passed: %d datasets, %d expectations; Data Docs at %s", gate, len(frames), expectations, docs
    )
    return GateResult(gate, len(frames), expectations, docs)
