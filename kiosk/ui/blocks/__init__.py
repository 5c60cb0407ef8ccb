"""One widget class per content block type; `create_block_widget` picks it."""
