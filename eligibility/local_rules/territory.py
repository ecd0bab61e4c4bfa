"""Where the household lives, read from its commune's INSEE code (`depcom`)."""

from __future__ import annotations

from numpy import char
from openfisca_france.model.caracteristiques_socio_demographiques.logement import TypesCodeInseeRegion

NORD = "59"


def in_nord(menage, period):
    # The INSEE code of a commune of the Nord starts with its département, 59.
    return char.startswith(menage("depcom", period).astype(str), NORD)


def in_hauts_de_france(menage, period):
    # OpenFisca-France's own `region` (its list of départements per region).
    return menage("region", period) == TypesCodeInseeRegion.hauts_de_france
