"""Request and response shapes of GET /api/v1/inspections/coverage."""

from datetime import date

from pydantic import Field

from api.core.schemas import Params, Schema
from api.inspections.models import FindingSeverity
from api.units.models import UnitKind
from api.units.schemas import UnitSummary
from api.units.scope import UnitFilter


class CoverageQuery(Params):
    within_unit_id: UnitFilter = Field(
        None,
        description="The subtree to report on, one row per child unit; your own unit (the country for a "
        "nationwide principal) when omitted.",
    )
    from_: date | None = Field(
        None,
        alias="from",
        description="First day of the period, inclusive; 1 January of `to`'s year (of this year, Vietnam "
        "time, when `to` is omitted too) when omitted.",
        examples=["2026-01-01"],
    )
    to: date | None = Field(
        None,
        description="Last day of the period, inclusive, not before `from` (422 `invalid_period`); 31 "
        "December of `from`'s year (of this year when `from` is omitted too) when omitted.",
        examples=["2026-12-31"],
    )


class CoveragePeriod(Schema):
    start: date = Field(description="First day, inclusive.", examples=["2026-01-01"])
    end: date = Field(description="Last day, inclusive.", examples=["2026-12-31"])


class KindCoverage(Schema):
    kind: UnitKind = Field(examples=["commune"])
    units: int = Field(description="Units of this kind that existed during the period.", examples=[56])
    inspected: int = Field(description="Of those, units visited in the period.", examples=[21])
    share: float | None = Field(
        description="inspected ÷ units, 4 decimals; null when there is no such unit.", examples=[0.375]
    )


class TopicCount(Schema):
    topic: str = Field(
        description="The topic's code (`GET /inspections/topics`).", examples=["publicity_of_information"]
    )
    findings: int = Field(examples=[7])


class SeverityCount(Schema):
    severity: FindingSeverity = Field(examples=["moderate"])
    findings: int = Field(examples=[4])


class FindingCoverage(Schema):
    total: int = Field(description="Findings about the visits counted.", examples=[12])
    by_topic: list[TopicCount] = Field(description="Topics with at least one finding, by code.")
    by_severity: list[SeverityCount] = Field(description="Every severity, mildest first.")


class RecommendationCoverage(Schema):
    issued: int = Field(
        description="Recommendations to units of this subtree from conclusions dated in the period.",
        examples=[14],
    )
    closed: int = Field(description="Of those, verified closed by the organiser.", examples=[9])
    overdue: int = Field(
        description="Of those, past their due date today and not verified closed.", examples=[2]
    )


class CoverageFigures(Schema):
    teams_organised: int = Field(
        description="Teams organised by a unit of this subtree that visited a unit in the period.",
        examples=[3],
    )
    teams_visiting: int = Field(
        description="Distinct teams, organised anywhere, that visited a unit of this subtree in the period.",
        examples=[5],
    )
    visits: int = Field(description="Visits counted (one per team and target unit).", examples=[9])
    units_inspected: int = Field(description="Distinct units of this subtree visited.", examples=[8])
    by_kind: list[KindCoverage] = Field(
        description="Per unit kind present in this subtree: units, units visited and the share."
    )
    findings: FindingCoverage
    recommendations: RecommendationCoverage
    never_inspected: int = Field(
        description="Commune-level units (commune, ward, town, special zone) of this subtree that existed "
        "during the period and were never visited in it.",
        examples=[35],
    )


class CoverageRow(CoverageFigures):
    unit: UnitSummary = Field(description="The child unit whose subtree this row counts.")


class CoverageReport(Schema):
    period: CoveragePeriod
    within_unit: UnitSummary | None = Field(
        description="The subtree reported on; null for the whole country.", examples=[None]
    )
    totals: CoverageFigures = Field(
        description="The whole subtree, the reported unit itself included (its own teams and visits)."
    )
    items: list[CoverageRow] = Field(
        description="One row per child unit that existed during the period, by code; zeros included."
    )
    never_inspected_units: list[UnitSummary] = Field(
        description="The commune-level units counted in `totals.never_inspected`, by code."
    )
