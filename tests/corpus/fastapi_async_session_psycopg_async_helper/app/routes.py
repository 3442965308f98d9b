from fastapi import APIRouter

from app.deps import DbSession
from app.models import Answer
from app.scoring import add_points

router = APIRouter()

CORRECT = {1: "b", 2: "d", 3: "a"}


@router.post("/questions/{question_id}/answers")
async def answer(question_id: int, player: str, choice: str, session: DbSession):
    session.add(Answer(question_id=question_id, player=player, choice=choice))
    if CORRECT.get(question_id) == choice:
        await add_points(player, 10)  # expect: TXM002
    await session.commit()
    return {"correct": CORRECT.get(question_id) == choice}
