"""PostgreSQL de Django con una comprobación de salud sin viaje a la base (ver base.py)."""
