import uuid

from fastapi import APIRouter, HTTPException

from app.api.deps import SessionDep
from app.core.pg import get_pg
from app.models import Item

router = APIRouter(prefix="/items", tags=["items"])


@router.delete("/{item_id}")
def delete_item(session: SessionDep, item_id: uuid.UUID):
    item = session.get(Item, item_id)
    if not item:
        raise HTTPException(status_code=404, detail="Item not found")
    session.delete(item)
    conn = get_pg()  # expect: TXM001
    with conn.cursor() as cur:
        cur.execute("DELETE FROM item_tags WHERE item_id = %s", (str(item_id),))
    conn.commit()
    conn.close()
    session.commit()
    return {"message": "Item deleted successfully"}


@router.get("/{item_id}")
def read_item(session: SessionDep, item_id: uuid.UUID):
    item = session.get(Item, item_id)
    if not item:
        raise HTTPException(status_code=404, detail="Item not found")
    return item
