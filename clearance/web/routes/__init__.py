"""Routes, one module per resource; handlers stay thin and call clearance.* domain functions."""
