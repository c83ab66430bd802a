"""Run once by hand (python make_docs_site.py): Writes the docs-site fixture: a small help site in English and Serbian (Latin),
one text dump and one HTML page per topic, with a side menu of every page's
title, a footer, and recurring subheadings inside the articles."""
from html import escape
from pathlib import Path

ROOT = Path(__file__).parent / "docs-site"
MENU = {
    "en": ["Installing the reader", "Reading offline", "Syncing your notes", "Sharing a document"],
    "sr": ["Instaliranje čitača", "Čitanje bez mreže", "Usklađivanje beleški", "Deljenje dokumenta"],
}
FOOTER = {
    "en": ["© 2024 Reader Project. All rights reserved.", "Privacy Policy", "Follow us on Facebook and Twitter"],
    "sr": ["© 2024 Projekat Čitač. Sva prava zadržana.", "Politika privatnosti", "Pratite nas na Facebooku i Twitteru"],
}
# per topic: paragraphs and subheadings in order (a subheading is a line of at most four words)
BODY = {
    "en": [
        ["The reader runs on Windows, macOS and Linux, and on phones with a recent system.",
         "Background",
         "We wrote the reader for people who keep long reports and want to read them anywhere, without an account.",
         "Desktop",
         "Download the installer from the project page, open it and follow the three short steps it shows you.",
         "Test it",
         "Open the sample report that comes with the reader and turn a few pages to see that everything works.",
         "Key findings:",
         "Most people finish the installation in under two minutes, and almost nobody needs the manual for it."],
        ["Offline reading keeps a copy of each document on your device, so a train or a plane is no obstacle.",
         "Background",
         "Many of our readers travel through areas where the mobile network drops for an hour or more at a time.",
         "Desktop",
         "On a computer every document you open is kept automatically, and you can remove old copies in the settings.",
         "Test it",
         "Switch off the network, close the reader, open it again and check that your last document is still there.",
         "Key findings:",
         "Offline copies take little room: a hundred reports of fifty pages fit in less space than a single song."],
        ["Notes you write in the margin travel with you from the phone to the computer and back again.",
         "Background",
         "Readers asked for this more than for anything else in the survey we ran among them last spring.",
         "Desktop",
         "Sign in with the same key on both devices, and the notes follow within a minute of being written.",
         "Key findings:",
         "Conflicts are rare: when two devices change one note, the reader keeps both versions side by side."],
        ["A document can be shared with a colleague through a link that stops working after a week.",
         "Background",
         "Sharing by link avoids sending large files by mail, which many offices block above a few megabytes.",
         "Test it",
         "Share the sample report with yourself, open the link in another browser and see the document appear.",
         "Key findings:",
         "Most links are opened within a day, so a week is long enough for almost everyone who receives one."],
    ],
    "sr": [
        ["Čitač radi na Windowsu, macOS-u i Linuxu, kao i na telefonima sa novijim sistemom.",
         "Pozadina",
         "Čitač smo napravili za ljude koji čuvaju duge izveštaje i žele da ih čitaju svuda, bez naloga.",
         "Desktop",
         "Preuzmite instalaciju sa stranice projekta, otvorite je i pratite tri kratka koraka koja vam pokazuje.",
         "Testirajte",
         "Otvorite primer izveštaja koji dolazi uz čitač i okrenite nekoliko strana da vidite da sve radi.",
         "Ključni nalazi:",
         "Većina ljudi završi instalaciju za manje od dva minuta, i skoro niko za to ne treba uputstvo."],
        ["Čitanje bez mreže čuva kopiju svakog dokumenta na vašem uređaju, pa voz ili avion nisu prepreka.",
         "Pozadina",
         "Mnogi naši čitaoci putuju kroz krajeve gde mobilna mreža nestaje po sat vremena ili duže.",
         "Desktop",
         "Na računaru se svaki dokument koji otvorite čuva sam, a stare kopije možete ukloniti u podešavanjima.",
         "Testirajte",
         "Isključite mrežu, zatvorite čitač, ponovo ga otvorite i proverite da je poslednji dokument još tu.",
         "Ključni nalazi:",
         "Kopije zauzimaju malo mesta: sto izveštaja od pedeset strana staje u manje prostora od jedne pesme."],
        ["Beleške koje pišete na margini putuju sa vama od telefona do računara i nazad.",
         "Pozadina",
         "Čitaoci su ovo tražili više od bilo čega drugog u anketi koju smo sproveli prošlog proleća.",
         "Desktop",
         "Upotrebite isti ključ na oba uređaja, i beleške stižu u roku od jednog minuta.",
         "Ključni nalazi:",
         "Sukobi su retki: kada dva uređaja promene istu belešku, čitač čuva obe verzije jednu pored druge."],
        ["Dokument možete podeliti sa kolegom preko veze koja prestaje da radi posle nedelju dana.",
         "Pozadina",
         "Deljenje vezom izbegava slanje velikih datoteka poštom, koju mnoge kancelarije blokiraju iznad nekoliko megabajta.",
         "Testirajte",
         "Podelite primer izveštaja sa samim sobom, otvorite vezu u drugom pregledaču i pogledajte kako se dokument pojavljuje.",
         "Ključni nalazi:",
         "Većina veza se otvori u roku od jednog dana, pa je nedelja dovoljna skoro svima koji je prime."],
    ],
}

for lang in ("en", "sr"):
    for k, body in enumerate(BODY[lang]):
        title = MENU[lang][k]
        text = "\n".join(MENU[lang]) + "\n\n" + title + "\n\n" + "\n".join(body) + "\n\n" + "\n".join(FOOTER[lang]) + "\n"
        (ROOT / "text").mkdir(parents=True, exist_ok=True)
        (ROOT / "text" / f"{lang}-{k}.txt").write_text(text, encoding="utf-8")
        menu = "\n".join(f'      <li><a href="/{lang}/{i}">{escape(t)}</a></li>' for i, t in enumerate(MENU[lang]))
        parts = []
        for line in body:
            tag = "h2" if len(line.split()) <= 4 else "p"
            parts.append(f"    <{tag}>{escape(line)}</{tag}>")
        foot = "\n".join(f"    <p>{escape(t)}</p>" for t in FOOTER[lang])
        html = f"""<!doctype html>
<html lang="{'sr-Latn' if lang == 'sr' else 'en'}">
<head><meta charset="utf-8"><title>{escape(title)} | Reader Help</title></head>
<body>
  <div class="side">
    <ul>
{menu}
    </ul>
  </div>
  <article>
    <h1>{escape(title)}</h1>
{chr(10).join(parts)}
  </article>
  <footer>
{foot}
  </footer>
</body>
</html>
"""
        (ROOT / "html").mkdir(parents=True, exist_ok=True)
        (ROOT / "html" / f"{lang}-{k}.html").write_text(html, encoding="utf-8")
