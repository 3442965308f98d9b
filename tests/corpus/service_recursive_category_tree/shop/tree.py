from shop.db import pg


def descendants(category_id: int, depth: int = 0) -> list[int]:
    if depth > 10:
        return []
    conn = pg()
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM categories WHERE parent_id = %s", (category_id,))
        children = [r[0] for r in cur.fetchall()]
    conn.close()
    result = list(children)
    for child in children:
        result.extend(descendants(child, depth + 1))
    return result
