"""Draw the placeholder passport photo (a plain silhouette) used in resume.tex."""
from PIL import Image, ImageDraw

img = Image.new("RGB", (300, 380), (206, 214, 222))
d = ImageDraw.Draw(img)
d.ellipse((95, 60, 205, 185), fill=(92, 100, 112))            # head
d.rounded_rectangle((40, 200, 260, 420), radius=90, fill=(92, 100, 112))  # shoulders
d.rectangle((128, 170, 172, 215), fill=(92, 100, 112))         # neck
img.save("photo.png", optimize=True)
