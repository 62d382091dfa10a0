"""Render ../resume.json as ../resume.md (same content, word for word).

python make_md.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
r = json.load(open(os.path.join(HERE, "..", "resume.json"), encoding="utf-8"))

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def d(s):
    if not s:
        return "present"
    y, m = s.split("-")[:2]
    return f"{MONTHS[int(m) - 1]} {y}"


b = r["basics"]
loc = b["location"]
out = [f"# {b['name']}", "", f"**{b['label']}**", "",
       f"{loc['city']}, {loc['region']} {loc['postalCode']} ({loc['countryCode']}) · {b['phone']} · {b['email']}",
       f"{b['url']} · {b['profiles'][0]['network']}: {b['profiles'][0]['url']}", "",
       "## Summary", "", b["summary"], "", "## Work experience", ""]
for w in r["work"]:
    out.append(f"### {w['position']} — {w['name']}, {w['location']}")
    out.append(f"*{d(w['startDate'])} – {d(w.get('endDate'))}*" + (f" · {w['url']}" if w.get("url") else ""))
    out.append("")
    out.append(w["summary"])
    out.append("")
    out += [f"- {h}" for h in w["highlights"]]
    out.append("")
out += ["## Volunteering", ""]
for v in r["volunteer"]:
    out.append(f"### {v['position']} — {v['organization']}")
    out.append(f"*{d(v['startDate'])} – {d(v.get('endDate'))}* · {v['url']}")
    out.append("")
    out.append(v["summary"])
    out.append("")
    out += [f"- {h}" for h in v["highlights"]]
    out.append("")
out += ["## Education", ""]
for e in r["education"]:
    line = f"**{e['studyType']} en {e['area']}** — {e['institution']}, {d(e['startDate'])} – {d(e['endDate'])}"
    if e.get("courses"):
        line += f" ({'; '.join(e['courses'])})"
    out.append(f"- {line}")
out += ["", "## Certificates", ""]
for c in r["certificates"]:
    out.append(f"- {c['name']} — {c['issuer']}, {d(c['date'])}")
out += ["", "## Skills", ""]
for s in r["skills"]:
    out.append(f"- {s['name']} ({s['level']})")
out += ["", "## Languages", ""]
for l in r["languages"]:
    out.append(f"- {l['language']}: {l['fluency']}")
out += ["", "## Interests", ""]
for i in r["interests"]:
    out.append(f"- {i['name']}: {', '.join(i['keywords'])}")
out += ["", "## References", "", r["references"][0]["name"], ""]
open(os.path.join(HERE, "..", "resume.md"), "w", encoding="utf-8").write("\n".join(out))
print("wrote resume.md")
