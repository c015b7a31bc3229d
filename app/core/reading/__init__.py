"""Reading what the customer said: spoken words → the cart lines they mean, or a question.

Owns word normalisation (:mod:`.spoken`), what each menu name and choice can be called
(:mod:`.vocabulary`), the reader of a whole order (:mod:`.order`) and of one item in it
(:mod:`.item`, with :mod:`.fit`, :mod:`.comes_with`, :mod:`.counts` and :mod:`.rivals`), spoken
modifiers (:mod:`.modifiers`), contradictions, the questions asked (:mod:`.questions`) and an
AddItem's lines (:mod:`.lines`). Every tool and route that reads a
customer's words goes through here. Imports :mod:`app.core.cart`, :mod:`app.core.menu` and the
leaves; never :mod:`app.core.token`.
"""
