from sqlalchemy.orm import Session

from shop.models import Category
from shop.tree import descendants


class CatalogService:
    def __init__(self, session: Session):
        self.session = session

    def hide_branch(self, category_id: int) -> int:
        ids = [category_id, *descendants(category_id)]  # expect: TXM001
        self.session.query(Category).filter(Category.id.in_(ids)).update({"hidden": 1}, synchronize_session=False)
        self.session.commit()
        return len(ids)
