print("geohub")
