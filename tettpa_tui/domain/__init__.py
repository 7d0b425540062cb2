"""The domain: plain Python, no Textual, no TinyDB.

Every rule of the programme lives here once: the CLASS framework, the
kindergarten year and its year wheel, departments and their staff.
"""
