/** Product vocabulary: categories (covering every category group of the spec), subcategories, brands. */

/** When a product sells best: none, or the months of its season. */
export type Season = 'none' | 'winter' | 'summer' | 'holiday' | 'school';

/** Months (1-12) in which a seasonal product sells strongly. */
export const SEASON_MONTHS: Readonly<Record<Season, readonly number[]>> = {
  none: [],
  winter: [11, 12, 1, 2],
  summer: [5, 6, 7, 8],
  holiday: [11, 12],
  school: [7, 8, 9],
};

/** A kind of product within a category. */
export interface Subcategory {
  readonly name: string;
  /** Price range in whole dollars. */
  readonly priceMin: number;
  readonly priceMax: number;
  /** Shipping weight range in grams. */
  readonly gramsMin: number;
  readonly gramsMax: number;
  readonly sizes: readonly string[];
  /** Whether products come in colours (otherwise color is empty). */
  readonly coloured: boolean;
  /** Product nouns, each with its season. */
  readonly nouns: readonly { readonly noun: string; readonly season: Season }[];
}

/** A product category, its brands and its subcategories. */
export interface Category {
  readonly name: string;
  /** Relative share of the catalogue. */
  readonly weight: number;
  readonly brands: readonly string[];
  readonly subcategories: readonly Subcategory[];
}

const APPAREL = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const SHOES = ['6', '6.5', '7', '7.5', '8', '8.5', '9', '9.5', '10', '10.5', '11', '12', '13'];
const ONE = ['One Size'];

function sub(
  name: string,
  price: [number, number],
  grams: [number, number],
  sizes: readonly string[],
  coloured: boolean,
  nouns: readonly string[],
): Subcategory {
  return {
    name,
    priceMin: price[0],
    priceMax: price[1],
    gramsMin: grams[0],
    gramsMax: grams[1],
    sizes,
    coloured,
    nouns: nouns.map((n) => {
      const [noun, season] = n.split('@');
      return { noun, season: (season ?? 'none') as Season };
    }),
  };
}

/** The catalogue's categories. The first twelve are the spec's named categories; the rest map to 'Other'. */
export const CATEGORIES: readonly Category[] = [
  {
    name: 'Electronics', weight: 12, brands: ['SoundTech', 'VoltEdge', 'Lumina', 'NexaWave', 'TechGuard'],
    subcategories: [
      sub('Audio', [25, 350], [100, 2500], ONE, true, ['Wireless Headphones', 'Bluetooth Speaker', 'Earbuds', 'Soundbar']),
      sub('Wearables', [40, 450], [30, 120], ONE, true, ['Fitness Tracker', 'Smartwatch', 'Sleep Band']),
      sub('Phone Accessories', [8, 80], [30, 400], ['iPhone 15', 'iPhone 16', 'Galaxy S24', 'Pixel 9', 'Universal'], true,
        ['Phone Case', 'Charging Cable', 'Wireless Charger', 'Power Bank', 'Screen Protector']),
      sub('Cameras', [60, 600], [200, 1500], ONE, true, ['Action Camera', 'Instant Camera@holiday', 'Dash Cam', 'Camera Tripod']),
      sub('TV & Video', [35, 1400], [100, 16000], ['32 in', '43 in', '55 in', '65 in', 'Standard'], false,
        ['Streaming Stick', '4K Television@holiday', 'Mini Projector']),
    ],
  },
  {
    name: 'Computer', weight: 8, brands: ['TechDesk', 'ByteForge', 'GamePro', 'Keystone'],
    subcategories: [
      sub('Laptops', [250, 2200], [1200, 2800], ['13 in', '14 in', '15 in', '16 in'], true, ['Ultrabook Laptop@school', 'Gaming Laptop', 'Chromebook@school']),
      sub('Peripherals', [15, 220], [100, 1500], ONE, true, ['Gaming Mouse', 'Mechanical Keyboard', 'Webcam', 'USB Hub', 'Laptop Stand']),
      sub('Storage', [10, 250], [20, 300], ['64GB', '128GB', '256GB', '1TB', '2TB'], false, ['External SSD', 'USB Flash Drive', 'Portable Hard Drive']),
      sub('Monitors', [150, 800], [4000, 9000], ['24 in', '27 in', '34 in'], false, ['IPS Monitor', 'Ultrawide Monitor']),
    ],
  },
  {
    name: 'Apparel', weight: 12, brands: ['BasicWear', 'UrbanThread', 'WarmCoat', 'NorthLoom', 'SunKnit'],
    subcategories: [
      sub('Shirts', [12, 80], [150, 350], APPAREL, true, ['Cotton T-Shirt', 'Oxford Shirt', 'Polo Shirt', 'Linen Shirt@summer']),
      sub('Outerwear', [60, 350], [600, 1800], APPAREL, true, ['Winter Jacket@winter', 'Rain Jacket', 'Puffer Vest@winter', 'Wool Coat@winter']),
      sub('Activewear', [20, 90], [150, 500], APPAREL, true, ['Running Shorts@summer', 'Yoga Leggings', 'Track Jacket']),
      sub('Swimwear', [20, 80], [100, 300], APPAREL, true, ['Swim Trunks@summer', 'One-Piece Swimsuit@summer', 'Rash Guard@summer']),
      sub('Denim', [40, 140], [500, 1100], ['28', '30', '32', '34', '36', '38'], true, ['Slim Jeans', 'Denim Jacket']),
    ],
  },
  {
    name: 'Footwear', weight: 7, brands: ['RunFast', 'StrideLab', 'TrailForge', 'Solemate'],
    subcategories: [
      sub('Athletic', [50, 200], [500, 1000], SHOES, true, ['Running Shoes', 'Trail Sneakers', 'Training Shoes']),
      sub('Casual', [30, 150], [400, 900], SHOES, true, ['Canvas Sneakers', 'Loafers', 'Slip-On Shoes']),
      sub('Boots', [70, 260], [900, 1900], SHOES, true, ['Hiking Boots', 'Snow Boots@winter', 'Chelsea Boots']),
      sub('Sandals', [10, 70], [150, 500], SHOES, true, ['Flip Flops@summer', 'Sport Sandals@summer']),
    ],
  },
  {
    name: 'Accessories', weight: 7, brands: ['CraftLeather', 'LuxStyle', 'StyleVision', 'Timberly'],
    subcategories: [
      sub('Wallets', [20, 150], [80, 250], ['Bifold', 'Trifold', 'Slim'], true, ['Leather Wallet', 'Card Holder']),
      sub('Eyewear', [20, 260], [50, 150], ONE, true, ['Sunglasses@summer', 'Blue Light Glasses']),
      sub('Scarves & Gloves', [15, 250], [60, 300], ONE, true, ['Silk Scarf', 'Knit Gloves@winter', 'Wool Beanie@winter']),
      sub('Watches', [60, 900], [80, 200], ONE, true, ['Analog Watch', 'Chronograph Watch@holiday']),
      sub('Jewelry', [25, 400], [10, 80], ONE, true, ['Silver Necklace@holiday', 'Stud Earrings']),
    ],
  },
  {
    name: 'Home & Kitchen', weight: 9, brands: ['BrewMaster', 'ChefPro', 'HomeComfort', 'KitchenCraft'],
    subcategories: [
      sub('Appliances', [30, 450], [1200, 7000], ['Standard', 'Compact', '12 Cup'], true, ['Coffee Maker', 'Blender', 'Air Fryer', 'Stand Mixer@holiday', 'Toaster']),
      sub('Cookware', [25, 300], [800, 6000], ['8 in', '10 in', '12 in', '5-Piece', '10-Piece'], true, ['Nonstick Skillet', 'Dutch Oven', 'Saucepan Set']),
      sub('Cutlery', [30, 300], [300, 3000], ['5-Piece', '8-Piece', 'Single'], false, ['Kitchen Knife Set', "Chef's Knife"]),
      sub('Drinkware', [12, 60], [300, 1600], ['350ml', '500ml', '750ml', '4-Piece'], true, ['Ceramic Mug Set', 'Insulated Tumbler', 'Water Bottle@summer']),
    ],
  },
  {
    name: 'Home & Garden', weight: 7, brands: ['GreenThumb', 'HearthStone', 'CozyNest', 'BloomWorks'],
    subcategories: [
      sub('Gardening', [15, 200], [300, 9000], ['Small', 'Medium', 'Large'], true, ['Garden Planter', 'Hose Reel@summer', 'Pruning Shears', 'Raised Garden Bed@summer']),
      sub('Outdoor', [25, 400], [500, 12000], ONE, true, ['Patio Umbrella@summer', 'Fire Pit', 'String Lights@holiday']),
      sub('Decor', [10, 150], [200, 2500], ONE, true, ['Throw Pillow', 'Scented Candle@holiday', 'Wall Art Print', 'Holiday Wreath@holiday']),
      sub('Bedding', [30, 200], [800, 7000], ['Twin', 'Full', 'Queen', 'King'], true, ['Duvet Cover', 'Cotton Sheet Set', 'Weighted Blanket@winter']),
    ],
  },
  {
    name: 'Home & Office', weight: 5, brands: ['BrightWork', 'DeskMate', 'OfficeCore', 'PaperTrail'],
    subcategories: [
      sub('Lighting', [20, 180], [500, 4000], ['Adjustable', 'Standard'], true, ['Desk Lamp LED', 'Floor Lamp']),
      sub('Furniture', [80, 900], [6000, 30000], ONE, true, ['Ergonomic Office Chair', 'Standing Desk', 'Bookshelf']),
      sub('Stationery', [5, 80], [50, 600], ['A5', 'A4', 'Pack of 3'], true, ['Notebook Set@school', 'Fountain Pen', 'Planner@school']),
      sub('Organization', [15, 200], [400, 15000], ONE, true, ['Desk Organizer', 'File Cabinet']),
    ],
  },
  {
    name: 'Sports & Fitness', weight: 7, brands: ['ZenFlow', 'IronPeak', 'FitLife', 'Summit Gear'],
    subcategories: [
      sub('Equipment', [15, 400], [300, 20000], ['Standard', 'Light', 'Heavy'], true, ['Yoga Mat', 'Adjustable Dumbbells', 'Resistance Bands', 'Kettlebell', 'Foam Roller']),
      sub('Cycling', [15, 150], [100, 600], ['S', 'M', 'L'], true, ['Bike Helmet@summer', 'Cycling Gloves', 'Bike Light']),
      sub('Camping', [30, 400], [800, 6000], ['2-Person', '4-Person', 'Standard'], true, ['Camping Tent@summer', 'Sleeping Bag', 'Hiking Backpack']),
      sub('Team Sports', [15, 200], [300, 900], ['Size 4', 'Size 5', 'Official'], true, ['Soccer Ball', 'Basketball', 'Tennis Racket@summer']),
    ],
  },
  {
    name: 'Health & Nutrition', weight: 6, brands: ['MuscleFuel', 'VitaPure', 'NutriCore', 'GreenLeaf'],
    subcategories: [
      sub('Supplements', [10, 90], [200, 2500], ['60 ct', '120 ct', '1lb', '2lb'], false, ['Protein Powder', 'Multivitamin', 'Omega-3 Capsules', 'Electrolyte Mix@summer']),
      sub('Healthy Snacks', [5, 40], [200, 1500], ['12-Pack', '24-Pack'], false, ['Protein Bars', 'Trail Mix', 'Granola']),
      sub('Wellness', [25, 250], [300, 2000], ONE, true, ['Digital Scale', 'Blood Pressure Monitor', 'Massage Gun@holiday']),
    ],
  },
  {
    name: 'Beauty', weight: 6, brands: ['PureGlow', 'ZenScents', 'Velvet & Co', 'Lumiere'],
    subcategories: [
      sub('Skincare', [10, 120], [80, 400], ['30ml', '50ml', '100ml'], false, ['Face Moisturizer', 'Vitamin C Serum', 'Sunscreen SPF 50@summer', 'Gentle Cleanser']),
      sub('Makeup', [8, 70], [20, 200], ONE, true, ['Lipstick', 'Mascara', 'Foundation', 'Eyeshadow Palette@holiday']),
      sub('Fragrance', [30, 250], [150, 600], ['30ml', '50ml', '100ml'], false, ['Eau de Parfum', 'Cologne', 'Fragrance Gift Set@holiday']),
      sub('Aromatherapy', [15, 200], [200, 1200], ['6-Pack', '10-Pack', 'Standard'], false, ['Essential Oil Set', 'Aroma Diffuser']),
    ],
  },
  {
    name: 'Personal Care', weight: 5, brands: ['CleanSmile', 'SilkStrand', 'EdgeCraft', 'FreshDaily'],
    subcategories: [
      sub('Oral Care', [8, 300], [100, 700], ONE, true, ['Electric Toothbrush', 'Water Flosser', 'Whitening Strips']),
      sub('Hair Care', [6, 400], [200, 900], ['250ml', '500ml', 'Standard'], false, ['Hair Dryer', 'Shampoo', 'Flat Iron', 'Conditioner']),
      sub('Shaving', [10, 300], [100, 600], ONE, false, ['Electric Shaver@holiday', 'Razor Kit', 'Beard Trimmer']),
    ],
  },
  {
    name: 'Toys & Games', weight: 4, brands: ['FunTime', 'BrickBox', 'PuzzleNest'],
    subcategories: [
      sub('Board Games', [15, 90], [500, 2000], ['Family', 'Party', '2-Player'], false, ['Board Game Classic@holiday', 'Strategy Board Game', 'Family Card Game']),
      sub('Building Sets', [20, 250], [300, 3000], ['Ages 6+', 'Ages 8+', 'Ages 12+'], false, ['Building Block Set@holiday', 'Robotics Kit@holiday']),
      sub('Puzzles', [12, 50], [300, 1200], ['500 Pieces', '1000 Pieces'], false, ['Jigsaw Puzzle', '3D Puzzle']),
    ],
  },
  {
    name: 'Books', weight: 4, brands: ['Harbor Press', 'Lantern Books', 'Northwind Publishing'],
    subcategories: [
      sub('Fiction', [8, 35], [200, 900], ['Paperback', 'Hardcover'], false, ['Mystery Novel', 'Thriller', 'Fantasy Saga']),
      sub('Non-Fiction', [10, 50], [300, 1200], ['Paperback', 'Hardcover'], false, ['Cookbook@holiday', 'Biography', 'Travel Guide@summer']),
      sub("Children's", [5, 25], [150, 600], ['Board Book', 'Paperback'], false, ['Picture Book', 'Activity Book@school']),
    ],
  },
  {
    name: 'Pet Supplies', weight: 3, brands: ['PawPal', 'WhiskerWorks'],
    subcategories: [
      sub('Dog', [8, 150], [100, 5000], ['S', 'M', 'L'], true, ['Dog Bed', 'Chew Toy', 'Dog Leash']),
      sub('Cat', [10, 200], [300, 12000], ONE, true, ['Cat Tree', 'Litter Box', 'Scratching Post']),
    ],
  },
  {
    name: 'Bags & Luggage', weight: 3, brands: ['Adventure', 'RoamPack', 'JetSet'],
    subcategories: [
      sub('Backpacks', [30, 250], [600, 1800], ['20L', '30L', '40L'], true, ['Travel Backpack', 'Laptop Backpack@school']),
      sub('Luggage', [50, 500], [1500, 5500], ['Carry-On', 'Medium', 'Large'], true, ['Carry-On Suitcase@summer', 'Checked Suitcase@summer', 'Duffel Bag']),
    ],
  },
];

/** Words that vary product names. */
export const PRODUCT_ADJECTIVES: readonly string[] = [
  'Classic', 'Premium', 'Pro', 'Essential', 'Ultra', 'Deluxe', 'Compact', 'Eco', 'Smart', 'Lite',
  'Max', 'Plus', 'Original', 'Signature', 'Everyday', 'Travel',
];

/** Product colours. */
export const COLOURS: readonly string[] = [
  'Black', 'White', 'Silver', 'Gray', 'Navy', 'Blue', 'Red', 'Green', 'Brown', 'Beige', 'Purple', 'Pink', 'Multi', 'Olive', 'Teal',
];
