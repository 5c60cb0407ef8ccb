"""One small block of each type, in zh and en, for the block tests and renders."""

from __future__ import annotations

from pydantic import TypeAdapter

from kiosk.content.models import Block

_adapter = TypeAdapter(Block)


def block(data: dict):
    return _adapter.validate_python(data)


TEXT = {
    "type": "text",
    "title": {"zh": "产业概况", "en": "Industry at a glance"},
    "body": {
        "zh": "北京经济技术开发区是**国家级**经济技术开发区，聚焦*高端制造*。\n\n"
        "- 新一代信息技术\n- 生物医药与大健康\n- 智能网联汽车",
        "en": "Beijing E-Town is a **national-level** development zone focused on "
        "*advanced manufacturing*.\n\n- Next-generation IT\n- Biomedicine and health\n"
        "- Intelligent connected vehicles",
    },
}

FIGURES = {
    "type": "figures",
    "title": {"zh": "关键数据", "en": "Key figures"},
    "items": [
        {
            "value": 3456.7,
            "decimals": 1,
            "unit": {"zh": "亿元", "en": "bn yuan"},
            "label": {"zh": "地区生产总值", "en": "Gross regional product"},
            "source": {"zh": "北京市统计局", "en": "Beijing Statistics Bureau"},
            "as_of": "2024-12-31",
        },
        {
            "value": 1234567,
            "label": {"zh": "常住人口", "en": "Residents"},
            "source": {"zh": "区统计公报", "en": "District statistical bulletin"},
        },
        {
            "value": 42,
            "unit": "%",
            "label": {"zh": "研发投入增长", "en": "Growth in R&D spending"},
            "source": {"zh": "管委会", "en": "Administrative committee"},
        },
    ],
}

IMAGE = {
    "type": "image",
    "image": "images/photo.jpg",
    "caption": {"zh": "亦庄新城夜景", "en": "Yizhuang new town at night"},
    "credit": {"zh": "经开区宣传部", "en": "E-Town publicity office"},
}

GALLERY = {
    "type": "gallery",
    "title": {"zh": "园区掠影", "en": "Around the zone"},
    "images": [
        {"image": "images/photo.jpg", "caption": {"zh": "第一张", "en": "First view"}},
        {"image": "images/second.jpg", "caption": {"zh": "第二张", "en": "Second view"}},
        {
            "image": "images/third.png",
            "caption": {"zh": "第三张", "en": "Third view"},
            "credit": "Xinhua",
        },
    ],
}

TIMELINE = {
    "type": "timeline",
    "title": {"zh": "发展历程", "en": "Milestones"},
    "events": [
        {"when": 1992, "title": {"zh": "开发区成立", "en": "Zone founded"}},
        {
            "when": "1994-08",
            "title": {"zh": "升级为国家级", "en": "Becomes national-level"},
            "text": {"zh": "经国务院批准。", "en": "Approved by the State Council."},
        },
        {
            "when": 2024,
            "title": {"zh": "高精尖产业集聚", "en": "A cluster of high-tech industry"},
            "text": {
                "zh": "集成电路、新能源汽车、机器人产业快速发展。",
                "en": "Chips, new-energy vehicles and robotics grow fast.",
            },
        },
    ],
}

STORY = {
    "type": "story",
    "person": {"zh": "王芳", "en": "Wang Fang"},
    "role": {"zh": "首席工程师", "en": "Chief engineer"},
    "organisation": {"zh": "某机器人公司", "en": "A robotics company"},
    "quote": {
        "zh": "在这里，一个想法从实验室走到生产线只需要几个月。",
        "en": "Here an idea goes from the lab to the production line in months.",
    },
    "image": "images/portrait.jpg",
    "source": {"zh": "2024 年采访", "en": "Interview, 2024"},
}

BAR_CHART = {
    "type": "bar_chart",
    "title": {"zh": "产业产值", "en": "Output by industry"},
    "unit": {"zh": "亿元", "en": "bn yuan"},
    "bars": [
        {"label": {"zh": "新一代信息技术", "en": "Next-gen IT"}, "value": 1520},
        {"label": {"zh": "生物医药", "en": "Biomedicine"}, "value": 880.5},
        {"label": {"zh": "汽车", "en": "Vehicles"}, "value": 1210},
        {"label": {"zh": "机器人", "en": "Robotics"}, "value": 260},
    ],
    "source": {"zh": "管委会 2024", "en": "Administrative committee, 2024"},
}

LINKS = {
    "type": "links",
    "title": {"zh": "扫码了解更多", "en": "Scan to learn more"},
    "links": [
        {
            "label": {"zh": "官方网站", "en": "Official website"},
            "url": "https://kfqgw.beijing.gov.cn/",
        },
        {
            "label": {"zh": "投资指南", "en": "Investor guide"},
            "url": "https://example.org/invest?lang=en&section=guide",
        },
    ],
}

MAP = {
    "type": "map",
    "title": {"zh": "园区地图", "en": "Zone map"},
    "image": "images/map.png",
    "hotspots": [
        {
            "x": 0.2,
            "y": 0.3,
            "title": {"zh": "核心区", "en": "Core area"},
            "text": {
                "zh": "管委会与展示中心所在地。",
                "en": "Home of the committee and this centre.",
            },
        },
        {
            "x": 0.7,
            "y": 0.6,
            "title": {"zh": "产业园", "en": "Industrial park"},
            "text": {"zh": "汽车与装备制造企业聚集。", "en": "Vehicle and equipment makers."},
        },
        {"x": 0.98, "y": 0.02, "title": "E", "text": {"zh": "边角热点", "en": "Corner spot"}},
    ],
}

ALL = {
    "text": TEXT,
    "figures": FIGURES,
    "image": IMAGE,
    "gallery": GALLERY,
    "timeline": TIMELINE,
    "story": STORY,
    "bar_chart": BAR_CHART,
    "links": LINKS,
    "map": MAP,
}
