"""The only package that speaks SQL. It returns frozen models, never rows."""
