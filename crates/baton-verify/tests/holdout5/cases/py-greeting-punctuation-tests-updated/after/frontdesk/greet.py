def greeting(name: str, hour: int) -> str:
    if hour < 12:
        return f"Good morning, {name}!"
    if hour < 18:
        return f"Good afternoon, {name}!"
    return f"Good evening, {name}!"
