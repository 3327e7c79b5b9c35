"""Índices de los informes, que en PostgreSQL llevan (INCLUDE) lo que cuentan, así el informe de un año no lee
la tabla: el de los cierres suma clase, vencimiento, fecha de cómputo y fecha de registro (cumplimiento de
plazos), y el de `Documento.recibido_en` pasa a ser `doc_recibido_cubre_idx`, con clase, estado y quien
recibió (registrados). Uno nuevo, parcial, da los abiertos con el plazo vencido en un periodo.

Quitar `db_index` del campo se hace con un DROP INDEX y no con AlterField: en SQLite, AlterField rehace la
tabla y los disparadores de la búsqueda (FTS5) que la nombran no lo permiten.
"""

from django.db import migrations, models

INDICE_VIEJO = "registro_documento_recibido_en_cbe2dbf5"


class Migration(migrations.Migration):

    dependencies = [
        ("registro", "0006_indice_sin_derivar"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="documento", name="doc_cierre_cubre_idx"),
        migrations.AddIndex(
            model_name="documento",
            index=models.Index(fields=["cerrado_en"],
                               include=("estado", "unidad_actual", "clase", "vence", "fecha_computo", "recibido_en"),
                               name="doc_cierre_informe_idx"),
        ),
        migrations.AddIndex(
            model_name="documento",
            index=models.Index(fields=["recibido_en"], include=("clase", "estado", "recibido_por"),
                               name="doc_recibido_cubre_idx"),
        ),
        migrations.AddIndex(
            model_name="documento",
            index=models.Index(fields=["vence"], include=("unidad_actual", "estado"),
                               condition=models.Q(("clase", "entrada"), models.Q(("estado__in", ("atendido", "concluido", "no_presentado", "anulado")), _negated=True)),
                               name="doc_vencidos_idx"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="documento",
                    name="recibido_en",
                    field=models.DateTimeField(blank=True, null=True, verbose_name="fecha y hora de registro"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDICE_VIEJO}"',
                    f'CREATE INDEX "{INDICE_VIEJO}" ON "registro_documento" ("recibido_en")',
                ),
            ],
        ),
    ]
