"""pygeoapi (PyPI) configured with one small GeoJSON collection, and the OpenAPI document it
generates for that configuration (`pygeoapi openapi generate`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.corpus.targets import SERVERS_VENV

DATA = Path(__file__).with_name("data") / "places.geojson"
CONFIG = """\
server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: http://127.0.0.1:{port}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  language: en-US
  limits: {{default_items: 10, max_items: 50}}
  map:
    url: "http://127.0.0.1/{{z}}/{{x}}/{{y}}.png"
    attribution: none
logging: {{level: ERROR}}
metadata:
  identification: {{title: Corpus, description: corpus, keywords: [corpus], keywords_type: theme,
    terms_of_service: http://127.0.0.1/, url: http://127.0.0.1/}}
  license: {{name: CC-BY 4.0, url: http://127.0.0.1/}}
  provider: {{name: corpus, url: http://127.0.0.1/}}
  contact: {{name: corpus, position: none, address: none, city: none, stateorprovince: none,
    postalcode: none, country: none, phone: none, fax: none, email: none@example.org,
    url: http://127.0.0.1/, hours: none, instructions: none, role: pointOfContact}}
resources:
  places:
    type: collection
    title: Places
    description: Two places
    keywords: [places]
    extents:
      spatial: {{bbox: [-180, -90, 180, 90], crs: "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}
    providers:
      - type: feature
        name: GeoJSON
        data: {data}
        id_field: id
"""


def generated_spec(directory: Path, port: int = 5000) -> Path:
    config = directory / "pygeoapi-config.yml"
    config.write_text(CONFIG.format(port=port, data=DATA), encoding="utf-8")
    spec = directory / "pygeoapi-openapi.yml"
    env = {**os.environ, "PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(spec)}
    command = [str(SERVERS_VENV / "bin" / "pygeoapi"), "openapi", "generate", str(config)]
    subprocess.run([*command, "--output-file", str(spec)], env=env, check=True, timeout=120)
    return spec
