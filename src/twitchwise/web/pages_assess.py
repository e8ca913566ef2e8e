"""Pages: the check (adaptive interview), describe-in-your-own-words, the result and the knowledge pages."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from twitchwise.assessment.interview import MAX_QUESTIONS, InterviewQuestion
from twitchwise.domain.diary import MOVEMENT_KINDS, SITES
from twitchwise.domain.errors import InputError
from twitchwise.domain.input_bounds import parse_json
from twitchwise.services import assessment as assess_svc
from twitchwise.services.interview import interview_engine
from twitchwise.services.knowledge_search import ask
from twitchwise.web.csrf import verify_csrf
from twitchwise.web.presenters import interview_step, state_from_answers
from twitchwise.web.problems import ProblemError
from twitchwise.web.rendering import render

router = APIRouter(include_in_schema=False)


def _intake() -> ModuleType:
    """The intake service, imported on first use (it loads spaCy/medspaCy, a few seconds)."""
    from twitchwise.services import intake

    return intake


MAX_ANSWERS_JSON = 20_000

STATUS_TEXT = {
    "absent": "you said you do not have this",
    "uncertain": "you were not sure; counted to be safe",
    "hypothetical": "a worry, not counted",
    "family": "about a relative",
    "ignored": "noted, not used",
}


def finding_labels() -> dict[str, str]:
    """Finding id -> plain label, for the "why" lists."""
    return {fid: f.label for fid, f in assess_svc.knowledge().findings.items()}


def result_context(result: dict[str, Any], case: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the result template needs besides the result: labels and the diary form's defaults."""
    sites = (case or {}).get("sites") or []
    kinds = [m["id"] for m in result.get("movement_types", []) if m["id"] in MOVEMENT_KINDS]
    return {
        "result": result,
        "labels": finding_labels(),
        "sites": SITES,
        "kinds": MOVEMENT_KINDS,
        "save_site": sites[0] if sites and sites[0] in SITES else "eyelid",
        "save_kind": kinds[0] if kinds else "fasciculation",
    }


# ------------------------------------------------------------------ check
def _decode_answers(raw: str) -> list[tuple[str, Any]]:
    if len(raw) > MAX_ANSWERS_JSON:
        raise ProblemError(413, "too many answers; start the check again.", "answers")
    try:  # the bounded parser: a 5,000-digit number was a ValueError (500) in json.loads
        data = parse_json(raw or "[]", "answers")
    except InputError:
        raise ProblemError(422, "the answers are damaged; start the check again.", "answers") from None
    if (
        not isinstance(data, list)
        or len(data) > 60
        or not all(isinstance(a, list) and len(a) == 2 and isinstance(a[0], str) for a in data)
    ):
        raise ProblemError(422, "the answers are damaged; start the check again.", "answers")
    return [(a[0], a[1]) for a in data]


def _parse_answer(q: InterviewQuestion, value: str | None, values: list[str]) -> tuple[Any, str | None]:
    """The form's answer for question ``q`` as the interview expects it, or an error sentence."""
    ids = [o[0] for o in q.options]
    if q.kind == "number":
        number, problem = q.number_answer(value or "")
        if problem == "Please type a number.":
            problem = "Please type a number, or choose “I don't know”."
        return number, problem
    if q.kind == "text":
        return (value or "").strip()[:500], None
    if q.kind == "yes_no":
        if value in ("yes", "no"):
            return value == "yes", None
        return None, "Please choose yes or no, or “I don't know”."
    if q.kind == "choice":
        if value in ids:
            return value, None
        return None, "Please choose one answer, or “I don't know”."
    chosen = [v for v in values if v in ids]
    if q.kind == "checklist":
        return {fid: fid in chosen for fid in ids}, None
    if not chosen:
        return None, "Please choose at least one, or “I don't know”."
    return chosen, None


def _check_page(request: Request, answers: list[tuple[str, Any]], error: str | None = None) -> Response:
    step = interview_step(answers)
    if step["done"]:
        case = interview_engine_case(answers)
        return render(request, "result.html", result_context(step["result"], case))
    engine = interview_engine()
    question = engine.next_question(state_from_answers(answers))
    return render(request, "check.html", {
        "q": question, "step": len(answers), "total": MAX_QUESTIONS, "error": error,
        "answers_json": json.dumps([list(a) for a in answers]),
    }, status=422 if error else 200)  # fmt: skip


def interview_engine_case(answers: list[tuple[str, Any]]) -> dict[str, Any]:
    """The case the interview's answers make (for the diary form's defaults)."""
    from twitchwise.assessment.interview import build_case

    try:
        return build_case(state_from_answers(answers))
    except (KeyError, TypeError, ValueError):
        return {}


@router.get("/")
def check_start(request: Request) -> Response:
    """The first question of the check."""
    return _check_page(request, [])


@router.post("/check", dependencies=[Depends(verify_csrf)])
def check_step(
    request: Request,
    answers: Annotated[str, Form(max_length=MAX_ANSWERS_JSON)] = "[]",
    qid: Annotated[str, Form(max_length=100)] = "",
    action: Annotated[str, Form(max_length=20)] = "answer",
    value: Annotated[str | None, Form(max_length=500)] = None,
    values: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Apply one answer (or "don't know", or back) and show the next question or the result."""
    given = _decode_answers(answers)
    if action == "back":
        return _check_page(request, given[:-1])
    question = interview_engine().next_question(state_from_answers(given))
    if question is None or question.id != qid:
        return _check_page(request, given)  # a stale form (e.g. a double click): show where we are
    if action == "dont_know":
        return _check_page(request, [*given, (qid, None)])
    parsed, problem = _parse_answer(question, value, values or [])
    if problem:
        return _check_page(request, given, problem)
    return _check_page(request, [*given, (qid, parsed)])


# ------------------------------------------------------------------ describe
@router.get("/describe")
def describe_form(request: Request) -> Response:
    """The text box."""
    return render(request, "describe.html")


def _meaning(f: Any, labels: dict[str, str]) -> str:
    fid = f.finding_id
    if fid in labels:
        return labels[fid]
    value = f.value if not isinstance(f.value, float) else f"{f.value:g}"
    words = {"sites": "where", "side": "side", "first_noticed_days": "started (days ago)",
             "medications": "medicine", "age": "age", "sex": "sex", "condition": "a condition you named"}  # fmt: skip
    text = f"{words.get(f.field, f.field.replace('_', ' ').replace('.', ': '))}: {str(value).replace('_', ' ')}"
    return f"{text} ({f.note})" if f.note else text


def _review(request: Request, text: str) -> Response:
    try:
        parsed = _intake().parse_narrative(text)
    except InputError as exc:
        return render(request, "describe.html", {"error": exc.message, "text": text}, status=422)
    if not parsed.recognised:
        return render(request, "describe.html", {"error": parsed.message, "text": text}, status=422)
    labels = finding_labels()
    # One line per finding: "left" said twice is one thing to confirm or remove.
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    spans: list[tuple[int, int, dict[str, Any]]] = []
    assumed: list[str] = []
    for index, f in enumerate(parsed.findings):
        if f.source == "default" or f.end <= f.start:
            assumed.append(_meaning(f, labels))
            continue
        meaning = _meaning(f, labels)
        key = (f.field, meaning, f.status)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {"indexes": [], "texts": [], "n": len(groups) + 1, "meaning": meaning,
                                   "status": f.status, "status_text": STATUS_TEXT.get(f.status, f.status)}  # fmt: skip
        group["indexes"].append(index)
        if f.text not in group["texts"]:
            group["texts"].append(f.text)
        spans.append((f.start, f.end, group))
    items = [g | {"value": ",".join(map(str, g["indexes"])), "text": "” / “".join(g["texts"])} for g in groups.values()]
    segments: list[dict[str, Any]] = []
    cursor = 0
    for start, end, group in sorted(spans, key=lambda t: (t[0], -t[1])):
        if start < cursor:
            continue  # overlaps a longer span already highlighted; still listed below
        segments.append({"text": text[cursor:start]})
        segments.append(
            {"text": text[start:end], "n": group["n"], "meaning": group["meaning"], "status": group["status"]}
        )
        cursor = end
    segments.append({"text": text[cursor:]})
    return render(request, "describe_review.html",
                  {"text": text, "segments": segments, "items": items, "assumed": assumed})  # fmt: skip


@router.post("/describe", dependencies=[Depends(verify_csrf)])
def describe_review(request: Request, text: Annotated[str, Form(max_length=10_000)] = "") -> Response:
    """The text with the recognised findings highlighted, each with a box to keep or remove it."""
    return _review(request, text)


@router.post("/describe/result", dependencies=[Depends(verify_csrf)])
def describe_result(
    request: Request,
    text: Annotated[str, Form(max_length=10_000)] = "",
    keep: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Assess the description without the findings the person removed (their words are blanked out)."""
    try:
        parsed = _intake().parse_narrative(text)
    except InputError as exc:
        return render(request, "describe.html", {"error": exc.message, "text": text}, status=422)
    try:
        kept = {int(i) for value in keep or [] for i in value.split(",") if i.strip()}
    except ValueError:
        raise ProblemError(422, "keep must list finding numbers.", "keep") from None
    chars = list(text)
    for index, f in enumerate(parsed.findings):
        if index not in kept and f.source != "default" and f.end > f.start:
            chars[f.start : f.end] = " " * (f.end - f.start)
    try:
        result, reparsed = _intake().assess_text("".join(chars))
    except InputError as exc:
        return render(request, "describe.html", {"error": exc.message, "text": text}, status=422)
    return render(request, "result.html", result_context(result, reparsed.case))


# ------------------------------------------------------------------ knowledge
@router.get("/knowledge")
def knowledge_index(request: Request, q: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    """All conditions, movement types and topics, and the search box."""
    kb = assess_svc.knowledge()
    answer = None
    error = None
    if q:
        try:
            answer = ask(q, 5)
        except InputError as exc:
            error = exc.message
    conditions = sorted(kb.conditions.values(), key=lambda c: c.name.lower())
    return render(request, "knowledge.html", {
        "q": q or "", "answer": answer, "error": error, "conditions": conditions,
        "movement_types": list(kb.movement_types.values()), "sections": kb.sections,
    })  # fmt: skip


@router.get("/knowledge/conditions/{condition_id}")
def condition_page(request: Request, condition_id: str) -> Response:
    """One condition with its sources."""
    try:
        details = assess_svc.condition_details(condition_id)
    except InputError as exc:
        raise ProblemError(404, exc.message, "condition_id") from None
    return render(request, "condition.html", {"c": details})


@router.get("/knowledge/movement-types/{type_id}")
def movement_type_page(request: Request, type_id: str) -> Response:
    """One movement type, the conditions that show it, and sources."""
    kb = assess_svc.knowledge()
    mt = kb.movement_types.get(type_id)
    if mt is None:
        raise ProblemError(404, f"{type_id!r} is not a known movement type.", "type_id")
    conditions = sorted(
        (c for c in kb.conditions.values() if c.movement_types.get(type_id, 0) >= 0.2), key=lambda c: c.name.lower()
    )
    return render(request, "movement_type.html", {"mt": mt, "conditions": conditions, "sources": [
        kb.sources[s] for s in mt.sources if s in kb.sources]})  # fmt: skip


@router.get("/knowledge/topics/{topic_id}")
def topic_page(request: Request, topic_id: str) -> Response:
    """One topic article with its sources."""
    kb = assess_svc.knowledge()
    section = next((s for s in kb.sections if s.id == topic_id), None)
    if section is None:
        raise ProblemError(404, f"{topic_id!r} is not a known topic.", "topic_id")
    blocks = []
    for para in section.body.split("\n\n"):
        para = para.strip()
        if para.startswith("## "):
            head, _, rest = para.partition("\n")
            blocks.append(("h2", head[3:].strip()))
            if rest.strip():
                blocks.append(("p", rest.strip()))
        elif para:
            blocks.append(("p", para))
    return render(request, "topic.html", {"section": section, "blocks": blocks, "sources": [
        kb.sources[s] for s in section.sources if s in kb.sources]})  # fmt: skip


@router.get("/check")
def check_reload() -> Response:
    """A reload of a check step (the answers lived in the page): start again."""
    return RedirectResponse("/", status_code=303)


@router.get("/describe/result")
def describe_reload() -> Response:
    """A reload of a result made from a description: back to the text box."""
    return RedirectResponse("/describe", status_code=303)
