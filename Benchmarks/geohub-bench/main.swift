print("geohub-bench")
