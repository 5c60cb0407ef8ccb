"""The records the running kiosk reads (kiosk/content/views.py): what the loader gives the
screens, made from the validated models field for field, read-only, without pydantic."""

from __future__ import annotations

import ast
import copy
import pickle
from pathlib import Path

import pytest

from kiosk.content import models, views
from kiosk.content.loader import load_content
from kiosk.content.yaml_source import read_yaml
from tests.content.build import INDUSTRY, TODAY, make_content


def validated_panel(text: str = INDUSTRY) -> models.Panel:
    return models.Panel.model_validate(read_yaml(text).data)


def test_the_loader_gives_plain_records_with_every_field_of_the_models(tmp_path):
    root = make_content(tmp_path)
    content = load_content(root, TODAY).content
    panel = content.panels["industry"]
    model = validated_panel((root / "panels" / "industry.yaml").read_text(encoding="utf-8"))

    assert type(content) is views.Content and type(panel) is views.Panel
    assert not isinstance(panel, models.Model)
    found = [(where, type(value).__name__) for where, value in views.walk(panel)]
    expected = [(where, type(value).__name__) for where, value in views.walk(model)]
    assert found == expected  # the same fields, in the same order, of the same kinds
    leaves = [value for _, value in views.walk(panel) if isinstance(value, views.LocalText)]
    assert [t.get("en") for t in leaves] == [
        t.get("en") for _, t in views.walk(model) if isinstance(t, views.LocalText)
    ]
    assert panel.title.get("en") == model.title.get("en") == "Industry"


def test_a_spoken_form_survives_the_change_to_a_record():
    model = models.LocalText.model_validate({"zh": "亦庄", "en": "E-Town", "speak": {"en": "ee"}})
    record = models.as_view(model)
    assert type(record) is views.LocalText
    assert record.spoken("en") == "ee" and record.spoken("zh") == "亦庄"
    assert record.get("fr") == "亦庄"  # falls back to the first language, as the model does


def test_records_refuse_changes_and_replace_makes_a_new_one(tmp_path):
    content = load_content(make_content(tmp_path), TODAY).content
    theme = content.site.theme
    with pytest.raises(TypeError, match="read-only"):
        theme.background = "#000000"
    with pytest.raises(TypeError, match="read-only"):
        content.panels["other"] = content.panels["industry"]

    dark = views.replace(theme, background="#000000")

    assert dark.background == "#000000" and theme.background != "#000000"
    assert dark.text == theme.text and dark != theme
    with pytest.raises(TypeError, match="Theme has no field 'colour'"):
        views.replace(theme, colour="#000000")


def test_records_compare_hash_pickle_and_copy_by_their_fields(tmp_path):
    root = make_content(tmp_path)
    one = load_content(root, TODAY).content
    two = load_content(root, TODAY).content

    assert one == two and one is not two
    assert hash(one.site.theme) == hash(two.site.theme)
    dark = views.replace(one.site.theme, background="#000000")
    assert hash(dark) != hash(one.site.theme)
    assert len({one.site.theme, two.site.theme, dark}) == 2
    assert one.panels["industry"] != views.replace(one.panels["industry"], accent="#000000")
    assert pickle.loads(pickle.dumps(one)) == one
    assert copy.deepcopy(one) == one


def test_the_default_theme_is_the_models_default():
    assert views.Theme.default() == models.as_view(models.Theme())


def test_every_validating_model_is_built_on_the_record_of_its_name():
    for name in dir(models):
        model = getattr(models, name)
        ours = isinstance(model, type) and model.__module__ == models.__name__ and "[" not in name
        if ours and issubclass(model, models.BaseModel) and model is not models.Model:
            assert issubclass(model, getattr(views, name)), name


def _declared_fields() -> dict[str, set[str]]:
    """The fields each record of views.py declares for the type checker (its own only)."""
    tree = ast.parse(Path(views.__file__).read_text(encoding="utf-8"))
    declared: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names = declared.setdefault(node.name, set())
            for part in node.body:
                if isinstance(part, ast.If) and ast.unparse(part.test) == "TYPE_CHECKING":
                    names |= {a.target.id for a in part.body if isinstance(a, ast.AnnAssign)}
    return declared


def test_the_records_declare_exactly_the_fields_of_their_models():
    declared = _declared_fields()
    for name in dir(views):
        record = getattr(views, name)
        model = getattr(models, name, None)
        if not (isinstance(record, type) and issubclass(record, views.Record)) or model is None:
            continue
        if not issubclass(model, models.BaseModel):
            continue
        found = set().union(*(declared.get(c.__name__, set()) for c in record.__mro__))
        expected = set(model.model_fields) | set(model.__private_attributes__)
        assert found - {"note"} == expected - {"note"}, name


def test_walk_names_each_value_by_its_place_in_the_file(tmp_path):
    panel = load_content(make_content(tmp_path), TODAY).content.panels["industry"]

    places = dict(views.walk(panel))

    assert places[""] is panel
    assert places["title"] is panel.title
    assert places["hero_image"] is panel.hero_image
    assert places["blocks[0].body"] is panel.blocks[0].body
    assert places["blocks[1].items[0].label"].get("en") == "Output"
    assert "title.root" not in places  # a text is one place, not its parts


def test_walk_names_a_film_s_captions_by_language():
    film = models.VideoBlock.model_validate(
        {
            "type": "video",
            "video": "videos/tour.mp4",
            "poster": "images/tour.jpg",
            "captions": {"zh": "videos/tour.zh.vtt", "en": "videos/tour.en.vtt"},
        }
    )
    places = dict(views.walk(models.as_view(film)))
    assert places["captions.en"].root == "videos/tour.en.vtt"
    assert type(places["captions.zh"]) is views.CaptionPath


def test_a_text_names_its_languages_and_keeps_its_spoken_form_out_of_its_fields():
    both = models.as_view(models.LocalText.model_validate({"zh": "亦庄", "en": "E-Town"}))
    one = models.as_view(models.LocalText.model_validate("E-Town"))
    assert both.languages() == {"zh", "en"} and one.languages() is None
    assert [name for name, _ in views.fields(both)] == ["root"]


def test_the_attract_pictures_become_items_of_the_loop():
    settings = models.AttractSettings.model_validate(
        {"images": ["images/a.jpg"], "items": [{"video": "videos/loop.mp4"}]}
    )
    slides = models.as_view(settings).slides()

    assert [s.image and s.image.root for s in slides] == ["images/a.jpg", None]
    assert slides[0] == models.as_view(models.AttractItem(image="images/a.jpg"))
    assert slides[1].video.root == "videos/loop.mp4" and slides[0].sound is False


def test_replace_on_a_validating_model_copies_it_as_pydantic_does():
    theme = models.Theme()
    dark = views.replace(theme, background="#000000")
    assert dark == models.Theme(background="#000000")  # a whole pydantic model
    assert theme.background == views.THEME_DEFAULTS["background"]


def test_frozen_mappings_hash_by_their_items():
    assert hash(views.FrozenDict(a=1)) == hash(views.FrozenDict(a=1))
    assert hash(views.FrozenDict(a=1)) != hash(views.FrozenDict(a=2))
    with pytest.raises(TypeError, match="read-only"):
        views.FrozenDict(a=1).update(b=2)
