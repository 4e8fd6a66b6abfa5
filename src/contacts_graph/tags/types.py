"""GraphQL types of tags."""

import strawberry

from contacts_graph.context import Info
from contacts_graph.tags import models


@strawberry.type(description="A label put on contacts, kept as a record of its own.")
class Tag:
    id: strawberry.ID = strawberry.field(description="Stable id of the tag.")
    name: str = strawberry.field(
        description="Name, unique per tenant whatever its case."
    )
    color: str | None = strawberry.field(description="Display color, #RRGGBB.")
    model: strawberry.Private[models.Tag]

    @classmethod
    def from_model(cls, model: models.Tag) -> "Tag":
        return cls(
            id=strawberry.ID(str(model.id)),
            name=model.name,
            color=model.color,
            model=model,
        )

    @strawberry.field(description="How many live contacts carry the tag.")
    async def contact_count(self, info: Info) -> int:
        return await info.context.loaders.contact_count_by_tag_id.load(self.model.id)
