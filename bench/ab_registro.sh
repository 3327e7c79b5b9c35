#!/usr/bin/env bash
# A/B intercalado del registro a escala completa: dos árboles del proyecto (p. ej. un worktree del commit de
# antes y el actual), medidos uno tras otro sobre la MISMA base de PostgreSQL, para comparar su razón aunque la
# máquina cambie de velocidad entre corridas (bench/README.md, 2026-12-07).
#
#   git worktree add ../antes <commit>
#   .venv/bin/python scripts/con_postgres.py -- bench/ab_registro.sh ../antes . [rondas] [segundos]
#
# Genera la base con el árbol nuevo (corrida completa de todos los escenarios) y luego, por ronda, corre
# `bench-registro --sin-generar` con el de antes y con el nuevo. Cifras en bench/resultados/ab-*.{log,json}.
set -euo pipefail
ANTES=$(cd "$1" && pwd)
NUEVO=$(cd "$2" && pwd)
RONDAS=${3:-3}
SEGUNDOS=${4:-30}
PY=${PY:-$NUEVO/.venv/bin/python}
SALIDA=$NUEVO/bench/resultados
mkdir -p "$SALIDA"
: "${DATABASE_URL:?Corra esto dentro de scripts/con_postgres.py (o con DATABASE_URL de un PostgreSQL vacío)}"
medir() {  # medir ÁRBOL ETIQUETA [opciones de bench-registro]
  local arbol=$1 etiqueta=$2
  shift 2
  (cd "$arbol" && PYTHONPATH="$arbol" "$PY" -m secretaria.cli bench-registro --segundos "$SEGUNDOS" \
    --salida "$SALIDA/ab-$etiqueta.json" "$@" > "$SALIDA/ab-$etiqueta.log" 2>&1)
  grep -h "Registro por la API\|CPU por documento\|Calibración" "$SALIDA/ab-$etiqueta.log" || true
}
medir "$NUEVO" nuevo-completo
for ronda in $(seq 1 "$RONDAS"); do
  echo "== ronda $ronda: antes"; medir "$ANTES" "antes-$ronda" --sin-generar
  echo "== ronda $ronda: nuevo"; medir "$NUEVO" "nuevo-$ronda" --sin-generar
done
