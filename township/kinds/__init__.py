"""The record kinds: one module per kind, its declaration and the steps that carry logic."""
