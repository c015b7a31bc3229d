"""Orders: what a checked-out cart becomes, the sink port it goes through, and the sink adapters."""
