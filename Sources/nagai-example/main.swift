print("nagai-example")
