"""The reader's function words in each language customers mix with a menu's own names.

A Montréal crêperie hears "une complète s'il vous plaît" and "crêpe nutella banane, sans banane"; a taquería
"un café con leche y dos de azúcar". The names are the menu's; the words around them (articles, "with",
"without", "and", "please", "no wait", numbers) are the customer's language. :data:`FUNCTION_WORDS` holds
them per language, English as one entry like the others: each role is keyed by the English words the
reader reads it as ("avec" is read as "with"), and :mod:`.spoken` builds its word sets and its rewrite
(:func:`~app.core.reading.spoken.in_reader_words`) from this one table. A word the menu itself uses is
never read as a function word (:mod:`.spoken` checks the menu's words first): "Soupe du Jour", "Chili
con Carne", "Café au Lait" keep their words.

Phrases are written as :func:`~app.core.reading.spoken.normalize` writes words, before it singularises
them: lowercase ASCII, accents dropped, elided words apart ("s'il vous plaît" → "s il vous plait").
Elided words ("l'oeuf", "d'orange") are split off by :func:`~app.core.reading.spoken.normalize`
(:data:`ELIDED`). Number words come from ``num2words`` (:data:`NUMBER_LANGUAGES`), not from tables here.
"""

from __future__ import annotations

# Roles read back to the customer as said ("sans gluten", "allergie", "crème fraîche à côté" stay in the
# note the kitchen reads); every other role is read as its English words.
SAID_BACK = frozenset({"no", "allergy", "on the side"})

FUNCTION_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "a": ("a", "an"),
        "the": ("the",),
        "with": ("with",),
        "and": ("and", "plus", "also", "then"),
        "no": ("no", "not", "without", "hold", "skip", "minus", "dont", "never"),
        "please": ("please",),
        "no wait": ("no wait",),
        "allergy": ("allergy", "allergic"),
        "on the side": ("on the side",),
    },
    "fr": {
        "a": ("un", "une"),
        "the": ("le", "la", "les", "l"),
        "some": ("des", "du"),
        "of": ("de", "d"),
        "with": ("avec", "au", "aux"),
        "and": ("et",),
        "for": ("pour",),
        "i want": ("je voudrais", "je veux", "je prends"),
        "no": ("sans", "pas"),
        "please": ("s il vous plait", "s il te plait", "svp"),
        "thanks": ("merci", "bonjour", "bonsoir", "salut"),
        "no wait": ("non attendez", "non attends", "attendez", "attends", "non pardon"),
        "allergy": ("allergie", "allergique"),
        "on the side": ("a cote", "a part"),
    },
    "es": {
        "a": ("un", "una"),
        "1": ("uno",),  # the pronoun, never before a noun ("un elote"): "y uno chico sin chile" is one more
        "the": ("el", "la", "los", "las"),
        "of": ("de", "del"),
        "with": ("con",),
        "on": ("en",),  # "un taco de birria en harina": on a flour tortilla
        "and": ("y",),
        "for": ("para",),
        "no": ("sin", "ni"),  # "sin cueritos ni cacahuates": nor is a second "without"
        "everything": ("todo",),  # "con todo": with everything (:mod:`.comes_with`)
        "i want": ("quiero", "quisiera", "ponme", "pongame", "dame", "deme"),
        "but": ("pero",),
        "please": ("por favor",),
        "thanks": ("gracias", "hola", "buenos dias", "buenas tardes"),
        "no wait": ("no espera", "espera", "no perdon", "no esperate", "esperate"),
        "make it": ("que sean", "que sea"),  # "un cafecito, no espérate, que sean dos" (blind11)
        "allergy": ("alergia", "alergico", "alergica"),
        "on the side": ("aparte", "al lado"),
        "only": ("nomas", "nada mas", "solamente"),  # "plátanos nomás con crema", "una de frijol nomás" (blind10)
        "dozen": ("docena", "docenas"),  # "una docena de revueltas": twelve (blind10 pupuseria)
        "order": ("orden", "ordenes"),  # "una orden de plátanos", "dos órdenes": servings (blind10 pupuseria)
        "lb": ("libra", "libras"),
        "oz": ("onza", "onzas"),
    },
    "it": {
        "a": ("un", "una"),
        "1": ("uno",),  # "uno spritz" is one as "a" is; alone ("uno con ghiaccio") it is one of them (as in "es")
        "the": ("il", "lo", "la", "gli", "le", "l"),
        "of": ("di", "del", "della"),
        "with": ("con", "col"),
        "and": ("e", "ed"),
        "no": ("senza",),
        "i want": ("vorrei", "prendo"),
        "please": ("per favore", "per piacere"),
        "thanks": ("grazie", "ciao", "buongiorno", "buonasera", "salve"),
        "no wait": ("no aspetta", "aspetta", "anzi"),
        "allergy": ("allergia", "allergico", "allergica"),
        "on the side": ("a parte",),
    },
    "de": {
        "a": ("ein", "eine", "einen", "einem"),
        "the": ("der", "die", "das", "den", "dem"),
        "with": ("mit",),
        "and": ("und",),
        "for": ("fur",),
        "i want": ("ich mochte", "ich hatte gern", "ich hatte gerne", "ich nehme"),
        "but": ("aber",),
        "no": ("ohne", "kein", "keine", "keinen"),
        "please": ("bitte",),
        "thanks": ("danke", "hallo", "guten tag", "guten morgen"),
        "no wait": ("nein warte", "warte"),
        "allergy": ("allergie", "allergisch"),
        "on the side": ("separat",),
        "1": ("einmal",),  # "einmal Pommes": one order of; "zweimal Döner": two
        "2": ("zweimal",),
        "3": ("dreimal",),
    },
    "tr": {  # said on a Turkish grill's menu ("bir dürüm tavuk"); numbers past two are English words too ("on")
        "1": ("bir",),
        "2": ("iki",),
        "please": ("lutfen",),
    },
    "pt": {
        "a": ("uma",),  # "um" is also English "um", a hesitation: it stays one
        "with": ("com",),
        "and": ("e",),
        "for": ("para",),
        "no": ("sem",),
        "i want": ("quero", "queria"),  # never "mas" for "but": Spanish "más" is "more"
        "please": ("por favor", "se faz favor"),
        "thanks": ("obrigado", "obrigada", "ola", "bom dia"),
        "no wait": ("nao espera", "espera"),
        "allergy": ("alergia", "alergico", "alergica"),
        "on the side": ("a parte", "ao lado"),
    },
    "tl": {  # Tagalog, said on a Filipino menu ("dalawang tapsilog po"); a number takes the linker "-ng" before a noun
        "please": ("po",),  # the politeness particle: "isang longsilog po"
        "thanks": ("salamat",),
        "1": ("isang",),  # never bare "isa": one is an article here as elsewhere
        "2": ("dalawa", "dalawang"),
        "3": ("tatlo", "tatlong"),
        "4": ("apat",),
    },
    "hi": {  # Hindi, romanised, said on an Indian menu ("ek chicken manchurian aur ek schezwan noodles")
        "1": ("ek",),
        "and": ("aur",),
    },
    "ja": {  # romanised, as a speech model writes it
        "please": ("kudasai", "onegaishimasu", "onegai shimasu", "onegai"),
        "thanks": ("arigato", "arigatou", "sumimasen", "konnichiwa"),
        "1": ("hitotsu",),
        "2": ("futatsu",),
        "3": ("mittsu",),
        "4": ("yottsu",),
        "5": ("itsutsu",),
    },
}

# Words of a language that are English words too, read in it only in a phrase that says another of its words
# (:data:`FUNCTION_WORDS`): "ek masala dosa aur do plate idli" is two plates, "can you do a burger" one burger.
AMONG_THEIR_OWN: dict[str, dict[str, tuple[str, ...]]] = {"hi": {"2": ("do",)}}

# "piece" in each language a menu may count its choices in ("4 Stück", "6 piezas"): a count said of the item
# chooses the choice of that many (:mod:`.counts`).
PIECE_WORDS = frozenset({"piece", "stuck", "stueck", "pieza", "pezzo", "pezzi", "peca"})

# French and Italian words elided before a vowel, written apart from the word after ("l'oeuf" → "l oeuf").
ELIDED = ("l", "d", "j", "s", "n", "c", "qu", "dell", "nell", "all", "sull")

# Languages whose number words ``num2words`` writes (pt_BR beside pt: "dezesseis" and "dezasseis"; "id" is
# Malay's too: "satu", "dua", "tiga").
NUMBER_LANGUAGES = ("fr", "es", "it", "de", "pt", "pt_BR", "id")
# One too ("satu", "eins"): where one is also an article ("un", "una", "ein"), :data:`FUNCTION_WORDS` reads it first.
NUMBERS_READ = (*range(1, 21), 30, 40, 50, 60, 70, 80, 90, 100)
# Number words that are English words too ("once", "elf", "cent", "sept" the month; "venti", "trenta" the coffee
# sizes): never read as numbers.
ENGLISH_TOO = frozenset({"once", "elf", "cent", "sept", "um", "null", "venti", "trenta"})
