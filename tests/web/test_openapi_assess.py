"""The OpenAPI description of /assess is generated from the case schema and the AssessmentResult types."""

from __future__ import annotations

from fastapi.testclient import TestClient

from twitchwise.services.assessment import case_json_schema, result_json_schema


def test_assess_bodies_in_openapi_are_the_generated_schemas(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    post = spec["paths"]["/api/v1/assess"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == case_json_schema()
    response = post["responses"]["200"]["content"]["application/json"]["schema"]
    assert response == result_json_schema()
    assert {"urgency", "conditions", "red_flags", "disclaimer"} <= set(response["required"])
    assert response["properties"]["urgency"]["enum"] == ["emergency", "urgent", "routine", "self_care"]
